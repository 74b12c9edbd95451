import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { createLog } from '../../src/log.js';
import type { RequestRecord } from '../../src/store/requests.js';
import { progressReporter } from '../../src/workflows/import-keys/progress.js';
import type { Notice } from '../../src/workflows/notices.js';

describe('import progress', () => {
  it('updates the thread at most once every 2 seconds, with counts and an ETA', async () => {
    const clock = new ManualClock();
    const sent: Notice[] = [];
    const p = progressReporter({
      notifier: { send: async (n) => void sent.push(n) },
      clock,
      log: createLog({ level: 'silent' }),
      request: { id: 'req_x' } as RequestRecord,
      total: 1_000,
      alreadyDone: 0,
    });
    p.start();
    for (let i = 0; i < 100; i++) {
      clock.advance(100); // 10 keys a second
      p.count(i % 10 === 0 ? 'identical' : 'created');
    }
    await p.flush();
    expect(sent.length).toBe(6); // the start, then one per 2 s over 10 s
    const last = sent.at(-1) as Extract<Notice, { type: 'import-progress' }>;
    expect(last).toMatchObject({ type: 'import-progress', done: 100, total: 1_000, counts: { created: 90, identical: 10 } });
    expect(last.etaMs).toBe(90_000); // 900 keys left at 10 a second
  });
});

import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { createReadiness } from '../../src/ops/readiness.js';

/** A dependency whose probe is answered (or not) as the test says, counting the probes. */
function dependency(readiness: ReturnType<typeof createReadiness>, name: string, answers: () => boolean) {
  const d = { probes: 0 };
  readiness.watch({
    name,
    probe: async () => {
      d.probes++;
      if (answers()) readiness.answered(name);
      else throw new Error('connection refused');
    },
  });
  return d;
}

describe('readiness', () => {
  it('probes only a dependency quiet for 45 s, and then at most once per 30 s', async () => {
    const clock = new ManualClock();
    const r = createReadiness({ clock });
    let up = true;
    const tyk = dependency(r, 'gateway', () => up);
    expect((await r.check()).ready).toBe(true); // never answered: probed at once
    expect(tyk.probes).toBe(1);

    clock.advance('44s');
    r.answered('gateway'); // real traffic
    clock.advance('44s');
    expect((await r.check()).ready).toBe(true);
    expect(tyk.probes).toBe(1);

    up = false;
    clock.advance('1s');
    expect(await r.check()).toMatchObject({ ready: true }); // probe failed, but the last answer is 45 s old
    expect(tyk.probes).toBe(2);
    clock.advance('16s');
    const down = await r.check();
    expect(down).toMatchObject({ ready: false, notAnswering: ['gateway'] });
    expect(down.lastAnswerAt.gateway).toBe(new Date(clock.now() - 61_000).toISOString());
    expect(tyk.probes).toBe(2); // 16 s after the last probe: no new one

    up = true;
    clock.advance('14s');
    expect((await r.check()).ready).toBe(true);
    expect(tyk.probes).toBe(3);
  });

  it('answers within probeWaitMs when a probe hangs, and a connected socket counts as answering', async () => {
    const clock = new ManualClock();
    const r = createReadiness({ clock, probeWaitMs: 50 });
    r.watch({ name: 'gateway', probe: () => new Promise(() => undefined) });
    let connected = true;
    r.watch({ name: 'slack', probe: async () => undefined, isUp: () => connected });
    const started = Date.now();
    const report = await r.check();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report).toMatchObject({ ready: false, notAnswering: ['gateway'], lastAnswerAt: { gateway: null } });
    expect(report.lastAnswerAt.slack).toBe(new Date(clock.now()).toISOString());
    connected = false;
    expect((await r.check()).notAnswering).toEqual(['gateway', 'slack']);
  });
});

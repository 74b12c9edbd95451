import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createLog } from '../../src/log.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createStore } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import type { TykServices } from '../../src/tyk/services.js';
import type { WorkflowDeps } from '../../src/workflows/deps.js';
import type { Directory, Notifier } from '../../src/workflows/notices.js';
import { requestEngine } from '../../src/workflows/requests.js';
import { rotateKeyWorkflow } from '../../src/workflows/rotate-key/definition.js';
import { jobRunner } from '../../src/workflows/run-job.js';
import { insertBareRequest } from '../harness/bare-request.js';
import { baseEnv, tempDir } from '../harness/env.js';

/** A database at schema version 7, where a job's `step` held its data and an import item's `reason` its intent. */
function version7(path: string): void {
  const old = new Database(path);
  MIGRATIONS.slice(0, 7).forEach((sql, i) => {
    old.exec(sql);
    old.pragma(`user_version = ${i + 1}`);
  });
  old
    .prepare(`INSERT INTO requests (id, kind, status, requester, summary, params, created_at, updated_at, expires_at)
      VALUES ('req_1', 'rotate-key', 'running', 'U1', '{"title":"t","fields":[]}', '{}', 1, 1, 2)`)
    .run();
  const job = old.prepare(
    "INSERT INTO jobs (id, request_id, step, status, due_at, payload, created_at) VALUES (?, 'req_1', ?, 'pending', 10, ?, 1)",
  );
  job.run('job_a', 'remind:r3:3600000', '{"round":3}');
  job.run('job_b', 'confirm:2', '{}');
  job.run('job_c', 'notify:approval-requested', '{"type":"approval-requested"}');
  job.run('job_d', 'report:undo', '{}');
  job.run('job_e', 'execute', '{}');
  job.run('job_f', 'restore:1700000000000', '{"by":"U2"}');
  job.run('job_g', 'nudge:2', '{}');
  job.run('job_h', 'review-remind:1', '{}');
  const item = old.prepare("INSERT INTO import_items (request_id, idx, ref, status, reason) VALUES ('req_1', ?, ?, ?, ?)");
  item.run(0, 'a', 'creating', 'new');
  item.run(1, 'b', 'overwritten', 'overwrite');
  item.run(2, 'c', 'skipped', 'expired');
  item.run(3, 'd', 'invalid', 'unknown_api: x');
  old.close();
}

describe('jobs: a step name, a dedupe key and a payload (migration 8)', () => {
  it('splits the old step strings into step and key, moves their data into the payload, and dedupes on the key', () => {
    const path = join(tempDir(), 'keybot.db');
    version7(path);
    const store = createStore(path, randomBytes(32));
    const jobs = Object.fromEntries(store.jobs.forRequest('req_1').map((j) => [j.id, { step: j.step, key: j.key, payload: j.payload }]));
    expect(jobs).toEqual({
      job_a: { step: 'remind', key: 'remind:r3:3600000', payload: { round: 3, offsetMs: 3_600_000 } },
      job_b: { step: 'confirm', key: 'confirm:2', payload: { attempt: 2 } },
      job_c: { step: 'notify', key: 'notify:approval-requested', payload: { type: 'approval-requested' } },
      job_d: { step: 'report', key: 'report:undo', payload: { undo: true } },
      job_e: { step: 'execute', key: 'execute', payload: {} },
      job_f: { step: 'restore', key: 'restore:1700000000000', payload: { by: 'U2' } },
      // their number only kept the key unique: nothing for the step to read
      job_g: { step: 'nudge', key: 'nudge:2', payload: {} },
      job_h: { step: 'review-remind', key: 'review-remind:1', payload: {} },
    });
    // the unique index is on the key now: the same key again is one job, another key of the same step a second
    expect(store.jobs.enqueue({ requestId: 'req_1', step: 'confirm', key: 'confirm:2', dueAt: 10, payload: { attempt: 2 } }, 10)).toBe(
      false,
    );
    expect(store.jobs.enqueue({ requestId: 'req_1', step: 'confirm', key: 'confirm:3', dueAt: 10, payload: { attempt: 3 } }, 10)).toBe(
      true,
    );
    expect(store.jobs.enqueue({ requestId: 'req_1', step: 'execute', dueAt: 10 }, 10)).toBe(false); // key defaults to step
    expect(store.jobs.get('req_1', 'confirm:3')).toMatchObject({ step: 'confirm', payload: { attempt: 3 } });
    // cancel goes by step: every pending confirm, whatever its key
    expect(store.jobs.cancel('req_1', 'confirm', 11)).toBe(2);
    expect(store.jobs.get('req_1', 'remind:r3:3600000')?.status).toBe('pending');
    expect(store.jobs.requestsAwaiting('remind')).toBe(1);
    // import items: the intent has its own column; reason is left for skipped and invalid items
    const items = [...store.importItems.all('req_1')].map((r) => [r.status, r.reason, r.intent]);
    expect(items).toEqual([
      ['creating', null, 'new'],
      ['overwritten', null, 'overwrite'],
      ['skipped', 'expired', null],
      ['invalid', 'unknown_api: x', null],
    ]);
    store.close();
  });

  it('a job enqueued twice with the same key is one job', () => {
    const store = createStore(join(tempDir(), 'keybot.db'), randomBytes(32));
    insertBareRequest(store, 'req_1');
    const job = { requestId: 'req_1', step: 'notify', key: 'notify:approval-requested', dueAt: 5, payload: { type: 'x' } };
    expect(store.jobs.enqueue(job, 5)).toBe(true);
    expect(store.jobs.enqueue({ ...job, payload: { type: 'y' } }, 6)).toBe(false);
    expect(store.jobs.forRequest('req_1')).toMatchObject([{ step: 'notify', key: 'notify:approval-requested', payload: { type: 'x' } }]);
    store.close();
  });

  it('fails a job whose saved payload does not fit its step, at once and saying why, and fails its request', async () => {
    const store = createStore(join(tempDir(), 'keybot.db'), randomBytes(32));
    const clock = new ManualClock();
    const log = createLog({ level: 'silent' });
    insertBareRequest(store, 'req_1', { now: clock.now() });
    store.requests.transition('req_1', ['pending'], 'approved', clock.now());
    store.requests.transition('req_1', ['approved'], 'running', clock.now());
    store.jobs.enqueue(
      { requestId: 'req_1', step: 'confirm', key: 'confirm:2', dueAt: clock.now(), payload: { attempt: 'two' } },
      clock.now(),
    );
    const deps: WorkflowDeps = {
      config: loadConfig(baseEnv()),
      store,
      clock,
      log,
      tyk: {} as TykServices, // never reached: the payload is checked first
      notifier: { send: async () => undefined } as unknown as Notifier,
      directory: {} as Directory,
      kick: () => undefined,
    };
    const runner = jobRunner(deps, requestEngine(deps), [rotateKeyWorkflow]);
    const s = createScheduler({ store, clock, log, cron: '0 0 1 1 *', run: runner.run, onGaveUp: runner.onGaveUp });
    await s.runDue();
    const job = store.jobs.get('req_1', 'confirm:2');
    expect(job).toMatchObject({ status: 'failed', attempts: 1 }); // not retried: it would not fit next time either
    expect(job?.lastError).toMatch(/saved data of step confirm \(job confirm:2\) of req_1 does not fit what the step expects/);
    expect(job?.lastError).toMatch(/attempt/);
    const request = store.requests.get('req_1');
    expect(request?.status).toBe('failed');
    expect(request?.error).toMatch(/does not fit what the step expects/);
    store.close();
  });
});

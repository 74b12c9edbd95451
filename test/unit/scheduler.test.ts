import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { KeybotError } from '../../src/errors.js';
import { createLog } from '../../src/log.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createStore, type Store } from '../../src/store/index.js';
import type { Job } from '../../src/store/jobs.js';
import { tempDir } from '../harness/env.js';

const silent = createLog({ level: 'silent' });
const key = randomBytes(32);

function setup() {
  const path = join(tempDir(), 'keybot.db');
  const store = createStore(path, key);
  const clock = new ManualClock();
  const request = (id: string) =>
    store.requests.insert({
      id,
      kind: 'test',
      requester: 'U1',
      reason: '',
      summary: { title: 't', fields: [] },
      params: {},
      now: clock.now(),
      expiresAt: clock.now() + 1000,
      refs: [],
    });
  return { path, store, clock, request };
}

const scheduler = (
  store: Store,
  clock: ManualClock,
  run: (j: Job) => Promise<void>,
  onGaveUp = async (_j: Job, _e: unknown) => undefined,
) => createScheduler({ store, clock, log: silent, cron: '0 0 1 1 *', run, onGaveUp });

describe('scheduler', () => {
  it('never hands the same job to two overlapping claimers, even in two processes', () => {
    const { path, store, clock, request } = setup();
    request('req_1');
    for (let i = 0; i < 50; i++) store.jobs.enqueue({ requestId: 'req_1', step: 's', key: `s:${i}`, dueAt: clock.now() }, clock.now());
    const other = createStore(path, key); // a second connection, as a second process would have
    const claimed = [store.jobs.claimDue(clock.now(), 'run_a', 30, 60_000), other.jobs.claimDue(clock.now(), 'run_b', 30, 60_000)]
      .flat()
      .map((j) => j.id);
    expect(claimed).toHaveLength(50);
    expect(new Set(claimed).size).toBe(50);
  });

  it('ignores a second enqueue of the same step of a request', () => {
    const { store, request } = setup();
    request('req_1');
    expect(store.jobs.enqueue({ requestId: 'req_1', step: 'execute', dueAt: 0 }, 0)).toBe(true);
    expect(store.jobs.enqueue({ requestId: 'req_1', step: 'execute', dueAt: 0 }, 0)).toBe(false);
    expect(store.jobs.forRequest('req_1')).toHaveLength(1);
  });

  it('runs every due job in one go, even when a whole claim of jobs finishes in the same turn', async () => {
    const { store, clock, request } = setup();
    request('req_1');
    for (let i = 0; i < 40; i++)
      store.jobs.enqueue({ requestId: 'req_1', step: 'notify', key: `notify:${i}`, dueAt: clock.now() }, clock.now());
    let ran = 0;
    // concurrency 4: every claim of 4 ends together, as Slack posts answered in one read do
    const s = createScheduler({
      store,
      clock,
      log: silent,
      cron: '0 0 1 1 *',
      concurrency: 4,
      onGaveUp: async () => undefined,
      run: async () => void ran++,
    });
    s.start();
    await s.kick(); // resolves when the queue is idle: not at the next cron tick, a minute later
    await s.stop();
    expect(ran).toBe(40);
    expect(store.jobs.pendingCount()).toBe(0);
  });

  it('runs jobs that fell due while it was stopped as soon as it starts', async () => {
    const { store, clock, request } = setup();
    request('req_1');
    store.jobs.enqueue({ requestId: 'req_1', step: 'execute', dueAt: clock.now() - 3_600_000 }, clock.now());
    const ran: string[] = [];
    const s = scheduler(store, clock, async (j) => void ran.push(j.step));
    s.start();
    await s.kick();
    await s.stop();
    expect(ran).toEqual(['execute']);
    expect(store.jobs.get('req_1', 'execute')?.status).toBe('done');
  });

  it('retries a failing job with backoff and gives up once after max attempts', async () => {
    const { store, clock, request } = setup();
    request('req_1');
    store.jobs.enqueue({ requestId: 'req_1', step: 'execute', dueAt: clock.now(), maxAttempts: 3 }, clock.now());
    let attempts = 0;
    const gaveUp: string[] = [];
    const s = scheduler(
      store,
      clock,
      async () => {
        attempts += 1;
        throw new Error('Tyk is down');
      },
      async (j) => void gaveUp.push(j.step),
    );
    await s.runDue();
    expect(attempts).toBe(1);
    const retry = store.jobs.get('req_1', 'execute');
    expect(retry?.status).toBe('pending');
    expect(retry?.dueAt).toBeGreaterThan(clock.now()); // not before its backoff
    await s.runDue();
    expect(attempts).toBe(1);
    clock.advance('1h');
    await s.runDue();
    clock.advance('1h');
    await s.runDue();
    expect(attempts).toBe(3);
    expect(store.jobs.get('req_1', 'execute')?.status).toBe('failed');
    expect(gaveUp).toEqual(['execute']);
  });

  it('does not retry an error marked not retryable', async () => {
    const { store, clock, request } = setup();
    request('req_1');
    store.jobs.enqueue({ requestId: 'req_1', step: 'execute', dueAt: clock.now() }, clock.now());
    let attempts = 0;
    const s = scheduler(store, clock, async () => {
      attempts += 1;
      throw new KeybotError('NOT_FOUND', 'no such key');
    });
    await s.runDue();
    clock.advance('1d');
    await s.runDue();
    expect(attempts).toBe(1);
    expect(store.jobs.get('req_1', 'execute')).toMatchObject({ status: 'failed', lastError: 'NOT_FOUND: no such key' });
  });

  it('returns a job claimed by a process that died to the queue at start', async () => {
    const { store, clock, request } = setup();
    request('req_1');
    store.jobs.enqueue({ requestId: 'req_1', step: 'execute', dueAt: clock.now() }, clock.now());
    store.db
      .prepare("INSERT INTO runners (id, pid, host, started_at, heartbeat_at) VALUES ('run_dead', 2147483646, ?, 0, 0)")
      .run((await import('node:os')).hostname());
    expect(store.jobs.claimDue(clock.now(), 'run_dead', 10, 3_600_000)).toHaveLength(1);
    const ran: string[] = [];
    const s = scheduler(store, clock, async (j) => void ran.push(j.step));
    s.start();
    await s.kick();
    await s.stop();
    expect(ran).toEqual(['execute']);
  });

  it('runs a newly due job while a long job is still running', async () => {
    const { store, clock, request } = setup();
    request('req_1');
    store.jobs.enqueue({ requestId: 'req_1', step: 'long', dueAt: clock.now() }, clock.now());
    let release: () => void = () => undefined;
    const ran: string[] = [];
    const s = scheduler(store, clock, async (j) => {
      ran.push(j.step);
      if (j.step === 'long') await new Promise<void>((r) => (release = r));
    });
    const first = s.kick();
    store.jobs.enqueue({ requestId: 'req_1', step: 'quick', dueAt: clock.now() }, clock.now());
    void s.kick();
    const deadline = Date.now() + 5_000;
    while (!ran.includes('quick') && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    expect(ran).toEqual(['long', 'quick']);
    release();
    await first;
  });
});

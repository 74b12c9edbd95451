import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { createStore, type Store } from '../src/store/index.js';
import { type Figure, figure, log } from './figure.js';
import { removeScratch, scratchDir } from './scratch.js';
import { summarize } from './stats.js';

const SECTION = 'Scheduler';
const DAY = 86_400_000;
export const BULK_PREFIX = 'req_bulk_';

export interface JobsDb {
  path: string;
  secretKey: Buffer;
}

/**
 * `jobs` pending jobs over `jobs / perRequest` rotation requests, inserted in one transaction. A
 * `dueShare` of them is due (up to an hour late); the rest are reminders and retirements spread
 * over the next 30 days, as a long-running bot accumulates them.
 */
function insertJobs(store: Store, jobs: number, perRequest: number, dueShare: number, now: number): void {
  const req = store.db.prepare(`INSERT INTO requests (id, kind, status, requester, summary, params, created_at, updated_at, expires_at)
    VALUES (?, 'rotate-key', 'running', 'U0REQUESTER', '{"title":"bench","fields":[]}', '{}', ?, ?, ?)`);
  const job = store.db.prepare(
    `INSERT INTO jobs (id, request_id, step, key, due_at, payload, max_attempts, created_at) VALUES (?, ?, 'remind', ?, ?, '{}', 8, ?)`,
  );
  const every = Math.round(1 / dueShare);
  store.db
    .transaction(() => {
      for (let r = 0; r < jobs / perRequest; r++) {
        const requestId = `${BULK_PREFIX}${r}`;
        req.run(requestId, now, now, now);
        for (let s = 0; s < perRequest; s++) {
          const i = r * perRequest + s;
          const due = i % every === 0 ? now - Math.floor(Math.random() * 3_600_000) : now + 60_000 + Math.floor(Math.random() * 30 * DAY);
          job.run(`job_bulk_${i}`, requestId, `remind:${s}`, due, now);
        }
      }
    })
    .immediate();
}

const time = (fn: () => unknown): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

/** Claim timing with `jobs` pending jobs in SQLite, through the store the bot uses. */
export async function measureClaim(o: {
  jobs: number;
  dueShare: number;
  reps: number;
}): Promise<{ figures: Figure[]; details: Record<string, unknown>; db: JobsDb }> {
  const db = { path: join(scratchDir('jobs'), 'keybot.db'), secretKey: randomBytes(32) };
  const store = createStore(db.path, db.secretKey);
  try {
    const now = Date.now();
    log(`scheduler: inserting ${o.jobs.toLocaleString('en-US')} pending jobs…`);
    const insertMs = time(() => insertJobs(store, o.jobs, 100, o.dueShare, now));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const runner = 'run_bench';
    const claim = (limit: number, requestId: string | null = null) =>
      Array.from({ length: o.reps }, () => time(() => store.jobs.claimDue(Date.now(), runner, limit, 300_000, requestId)));
    const samples4 = claim(4); // the bot's scheduler claims up to its concurrency (4) per tick
    const samples100 = claim(100);
    const [batch4, batch100] = [summarize(samples4), summarize(samples100)];
    const cliClaim = summarize(claim(2, `${BULK_PREFIX}0`)); // the CLI claims only its own request's jobs
    const cliNext = summarize(Array.from({ length: o.reps }, () => time(() => store.jobs.nextDueAt(`${BULK_PREFIX}0`))));
    // The claimed jobs go back to waiting: the next measurement starts from 1,000,000 pending jobs again.
    store.db
      .prepare("UPDATE jobs SET status = 'pending', claimed_by = NULL, lease_until = NULL, attempts = 0 WHERE claimed_by = ?")
      .run(runner);
    log(`scheduler: claim of 100 due jobs median ${batch100.p50} ms, p95 ${batch100.p95} ms`);
    const due = Math.round(o.jobs * o.dueShare).toLocaleString('en-US');
    const of = `${o.jobs.toLocaleString('en-US')} pending (${due} due)`;
    return {
      figures: [
        figure(SECTION, `bulk insert of ${o.jobs.toLocaleString('en-US')} jobs, one transaction`, insertMs / 1000, 's'),
        figure(
          SECTION,
          `claimDue, batch of 100, ${of}: median`,
          batch100.p50,
          'ms',
          { op: '<', value: 20, text: '< 20 ms' },
          `${o.reps} claims in a row`,
        ),
        figure(
          SECTION,
          'claimDue, batch of 100: p95',
          batch100.p95,
          'ms',
          { op: '<', value: 20, text: '< 20 ms' },
          `max ${batch100.max} ms; the slow claims are the ones that run SQLite's WAL checkpoint`,
        ),
        figure(
          SECTION,
          'claimDue, batch of 4 (what one bot tick claims): median',
          batch4.p50,
          'ms',
          { op: '<', value: 20, text: '< 20 ms' },
          `p95 ${batch4.p95} ms, max ${batch4.max} ms`,
        ),
        figure(
          SECTION,
          "claimDue of one request's jobs (the CLI's claim): median",
          cliClaim.p50,
          'ms',
          undefined,
          `p95 ${cliClaim.p95} ms; nextDueAt of one request: median ${cliNext.p50} ms`,
        ),
      ],
      details: {
        insertMs,
        batch4,
        batch100,
        cliClaim,
        cliNextDueAt: cliNext,
        samples100: samples100.map((v) => Math.round(v * 100) / 100),
      },
      db,
    };
  } catch (e) {
    removeScratch(dirname(db.path));
    throw e;
  } finally {
    store.close();
  }
}

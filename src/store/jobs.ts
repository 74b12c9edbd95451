import { newId } from '../ids.js';
import type { Db } from './open-database.js';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Job {
  id: string;
  requestId: string;
  /** the handler's name (`remind`, `notify`, `confirm`): what runs */
  step: string;
  /** unique per request (`remind:r3:3600000`, `notify:approval-requested`): a second enqueue of it is a no-op */
  key: string;
  status: JobStatus;
  dueAt: number;
  attempts: number;
  maxAttempts: number;
  payload: Record<string, unknown>;
  lastError: string | null;
}

interface Row {
  id: string;
  request_id: string;
  step: string;
  key: string;
  status: JobStatus;
  due_at: number;
  attempts: number;
  max_attempts: number;
  payload: string;
  last_error: string | null;
}

const toJob = (r: Row): Job => ({
  id: r.id,
  requestId: r.request_id,
  step: r.step,
  key: r.key,
  status: r.status,
  dueAt: r.due_at,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  payload: JSON.parse(r.payload),
  lastError: r.last_error,
});

export interface NewJob {
  requestId: string;
  /** the handler that runs it */
  step: string;
  /** the dedupe key, unique per request; defaults to `step` (a step that runs once per request) */
  key?: string;
  dueAt: number;
  /** the data the step needs, checked against the step's schema when it runs (src/workflows/definition.ts) */
  payload?: Record<string, unknown>;
  maxAttempts?: number;
}

/** The job table: the only queue of work (src/scheduler/scheduler.ts claims from it). */
export interface JobStore {
  /** Queues a job; false when the request already has a job with this key (nothing is written). */
  enqueue(j: NewJob, now: number): boolean;
  /** Claims due jobs in one IMMEDIATE transaction (never the same job twice); `requestId` limits it to one request (the CLI). */
  claimDue(now: number, runner: string, limit: number, leaseMs: number, requestId?: string | null): Job[];
  /** A running job succeeded. */
  complete(id: string, now: number): boolean;
  /** A running job failed and goes back to the queue, due at `dueAt`. */
  retryLater(id: string, dueAt: number, error: string): boolean;
  /** A running job failed for good. */
  fail(id: string, error: string, now: number): boolean;
  /** Cancels the request's pending jobs of this step (`remind`: every reminder, whatever its key); returns how many. */
  cancel(requestId: string, step: string, now: number): number;
  /** Extends the lease of every job this runner runs. */
  heartbeat(runner: string, lease: number): void;
  /** Returns jobs left running by a dead process (or an expired lease) to the queue. */
  releaseOrphans(runner: string, deadRunners: string[], now: number): number;
  /** Returns this runner's running jobs to the queue (a shutdown that could not wait for them). */
  returnToQueue(runner: string): number;
  /** The request's jobs, in due order. */
  forRequest(requestId: string): Job[];
  /** The request's job with this key, if any. */
  get(requestId: string, key: string): Job | null;
  /** Jobs waiting to run (due or not), for the metrics. */
  pendingCount(): number;
  /** Requests with a pending job of this step (`retire`: rotations in their grace period). */
  requestsAwaiting(step: string): number;
  /** When the next pending job (of one request, or of any) is due; null when none is. */
  nextDueAt(requestId?: string | null): number | null;
}

// long: a factory: its methods share prepared statements
/**
 * The job table is the only queue of work. `(request_id, key)` is unique, so enqueueing a job
 * twice (a double click, a resumed job) is a no-op rather than a second run.
 */
export function jobStore(db: Db): JobStore {
  const insert = db.prepare(`INSERT INTO jobs (id, request_id, step, key, due_at, payload, max_attempts, created_at)
    VALUES (@id, @requestId, @step, @key, @dueAt, @payload, @maxAttempts, @now) ON CONFLICT (request_id, key) DO NOTHING`);
  const due = db.prepare<{ now: number; limit: number }, { id: string }>(
    "SELECT id FROM jobs WHERE status = 'pending' AND due_at <= @now ORDER BY due_at LIMIT @limit",
  );
  // One request's jobs (the CLI): a statement of its own, so SQLite uses the (request_id, key) index.
  const dueOf = db.prepare<{ now: number; limit: number; requestId: string }, { id: string }>(
    "SELECT id FROM jobs WHERE request_id = @requestId AND status = 'pending' AND due_at <= @now ORDER BY due_at LIMIT @limit",
  );
  const claimOne = db.prepare<{ id: string; runner: string; lease: number }, Row>(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, claimed_by = @runner, lease_until = @lease
     WHERE id = @id AND status = 'pending' RETURNING *`,
  );
  const done = db.prepare("UPDATE jobs SET status = 'done', finished_at = @now, last_error = NULL WHERE id = @id AND status = 'running'");
  const retry = db.prepare(
    "UPDATE jobs SET status = 'pending', due_at = @dueAt, last_error = @error, claimed_by = NULL WHERE id = @id AND status = 'running'",
  );
  const fail = db.prepare(
    "UPDATE jobs SET status = 'failed', finished_at = @now, last_error = @error WHERE id = @id AND status = 'running'",
  );
  const cancel = db.prepare(
    "UPDATE jobs SET status = 'cancelled', finished_at = @now WHERE request_id = @requestId AND status = 'pending' AND step = @step",
  );
  const heartbeat = db.prepare("UPDATE jobs SET lease_until = @lease WHERE claimed_by = @runner AND status = 'running'");
  const orphans = db.prepare(`UPDATE jobs SET status = 'pending', claimed_by = NULL
    WHERE status = 'running' AND claimed_by <> @runner AND (lease_until < @now OR claimed_by IN (SELECT value FROM json_each(@dead)))`);
  // A job cut off by a shutdown has not failed: it goes back with the attempt it used given back.
  const returnOwn = db.prepare(`UPDATE jobs SET status = 'pending', claimed_by = NULL, attempts = MAX(attempts - 1, 0)
    WHERE status = 'running' AND claimed_by = @runner`);
  const byRequest = db.prepare<[string], Row>('SELECT * FROM jobs WHERE request_id = ? ORDER BY due_at, key');
  const one = db.prepare<[string, string], Row>('SELECT * FROM jobs WHERE request_id = ? AND key = ?');
  const pendingCount = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM jobs WHERE status = 'pending'");
  const awaitingStep = db.prepare<[string], { n: number }>(
    "SELECT COUNT(DISTINCT request_id) AS n FROM jobs WHERE status = 'pending' AND step = ?",
  );
  const nextDue = db.prepare<[], { due_at: number }>("SELECT due_at FROM jobs WHERE status = 'pending' ORDER BY due_at LIMIT 1");
  const nextDueOf = db.prepare<[string], { due_at: number }>(
    "SELECT MIN(due_at) AS due_at FROM jobs WHERE request_id = ? AND status = 'pending'",
  );

  const claim = db.transaction((now: number, runner: string, limit: number, leaseMs: number, requestId: string | null): Job[] =>
    (requestId === null ? due.all({ now, limit }) : dueOf.all({ now, limit, requestId })).flatMap(({ id }) => {
      const row = claimOne.get({ id, runner, lease: now + leaseMs });
      return row ? [toJob(row)] : [];
    }),
  );

  return {
    enqueue: (j: NewJob, now: number): boolean =>
      insert.run({
        id: newId('job'),
        requestId: j.requestId,
        step: j.step,
        key: j.key ?? j.step,
        dueAt: j.dueAt,
        payload: JSON.stringify(j.payload ?? {}),
        maxAttempts: j.maxAttempts ?? 8,
        now,
      }).changes > 0,
    claimDue: (now: number, runner: string, limit: number, leaseMs: number, requestId: string | null = null): Job[] =>
      claim.immediate(now, runner, limit, leaseMs, requestId),
    complete: (id: string, now: number): boolean => done.run({ id, now }).changes > 0,
    retryLater: (id: string, dueAt: number, error: string): boolean => retry.run({ id, dueAt, error }).changes > 0,
    fail: (id: string, error: string, now: number): boolean => fail.run({ id, error, now }).changes > 0,
    cancel: (requestId: string, step: string, now: number): number => cancel.run({ requestId, step, now }).changes,
    heartbeat: (runner: string, lease: number): void => void heartbeat.run({ runner, lease }),
    releaseOrphans: (runner: string, deadRunners: string[], now: number): number =>
      orphans.run({ runner, now, dead: JSON.stringify(deadRunners) }).changes,
    returnToQueue: (runner: string): number => returnOwn.run({ runner }).changes,
    forRequest: (requestId: string): Job[] => byRequest.all(requestId).map(toJob),
    get(requestId: string, key: string): Job | null {
      const r = one.get(requestId, key);
      return r ? toJob(r) : null;
    },
    pendingCount: (): number => pendingCount.get()?.n ?? 0,
    requestsAwaiting: (step: string): number => awaitingStep.get(step)?.n ?? 0,
    nextDueAt: (requestId: string | null = null): number | null =>
      (requestId === null ? nextDue.get() : nextDueOf.get(requestId))?.due_at ?? null,
  };
}

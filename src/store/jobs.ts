import { newId } from '../ids.js';
import type { Db } from './open-database.js';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Job {
  id: string;
  requestId: string;
  step: string;
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
  status: r.status,
  dueAt: r.due_at,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  payload: JSON.parse(r.payload),
  lastError: r.last_error,
});

export interface NewJob {
  requestId: string;
  step: string;
  dueAt: number;
  payload?: Record<string, unknown>;
  maxAttempts?: number;
}

// long: a factory: its methods share prepared statements
/**
 * The job table is the only queue of work. `(request_id, step)` is unique, so enqueueing a step
 * twice (a double click, a resumed job) is a no-op rather than a second run.
 */
export function jobStore(db: Db) {
  const insert = db.prepare(`INSERT INTO jobs (id, request_id, step, due_at, payload, max_attempts, created_at)
    VALUES (@id, @requestId, @step, @dueAt, @payload, @maxAttempts, @now) ON CONFLICT (request_id, step) DO NOTHING`);
  const due = db.prepare<{ now: number; limit: number }, { id: string }>(
    "SELECT id FROM jobs WHERE status = 'pending' AND due_at <= @now ORDER BY due_at LIMIT @limit",
  );
  // One request's jobs (the CLI): a statement of its own, so SQLite uses the (request_id, step) index.
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
    "UPDATE jobs SET status = 'cancelled', finished_at = @now WHERE request_id = @requestId AND status = 'pending' AND (step = @prefix OR step LIKE @prefix || ':%')",
  );
  const reschedule = db.prepare(
    "UPDATE jobs SET due_at = @dueAt, status = 'pending' WHERE request_id = @requestId AND step = @step AND status IN ('pending','cancelled')",
  );
  const heartbeat = db.prepare("UPDATE jobs SET lease_until = @lease WHERE claimed_by = @runner AND status = 'running'");
  const orphans = db.prepare(`UPDATE jobs SET status = 'pending', claimed_by = NULL
    WHERE status = 'running' AND claimed_by <> @runner AND (lease_until < @now OR claimed_by IN (SELECT value FROM json_each(@dead)))`);
  // A job cut off by a shutdown has not failed: it goes back with the attempt it used given back.
  const returnOwn = db.prepare(`UPDATE jobs SET status = 'pending', claimed_by = NULL, attempts = MAX(attempts - 1, 0)
    WHERE status = 'running' AND claimed_by = @runner`);
  const byRequest = db.prepare<[string], Row>('SELECT * FROM jobs WHERE request_id = ? ORDER BY due_at, step');
  const one = db.prepare<[string, string], Row>('SELECT * FROM jobs WHERE request_id = ? AND step = ?');
  const pendingCount = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM jobs WHERE status = 'pending'");
  const awaitingStep = db.prepare<[string], { n: number }>(
    "SELECT COUNT(DISTINCT request_id) AS n FROM jobs WHERE status = 'pending' AND step LIKE ? || ':%'",
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
        dueAt: j.dueAt,
        payload: JSON.stringify(j.payload ?? {}),
        maxAttempts: j.maxAttempts ?? 8,
        now,
      }).changes > 0,
    /**
     * Claims due jobs in one IMMEDIATE transaction: two overlapping ticks can never take the same
     * job. `requestId` limits the claim to one request (the CLI runs only its own request's jobs).
     */
    claimDue: (now: number, runner: string, limit: number, leaseMs: number, requestId: string | null = null): Job[] =>
      claim.immediate(now, runner, limit, leaseMs, requestId),
    complete: (id: string, now: number): boolean => done.run({ id, now }).changes > 0,
    retryLater: (id: string, dueAt: number, error: string): boolean => retry.run({ id, dueAt, error }).changes > 0,
    fail: (id: string, error: string, now: number): boolean => fail.run({ id, error, now }).changes > 0,
    /** Cancels pending jobs whose step is `prefix` or starts with `prefix:`. */
    cancel: (requestId: string, prefix: string, now: number): number => cancel.run({ requestId, prefix, now }).changes,
    reschedule: (requestId: string, step: string, dueAt: number): boolean => reschedule.run({ requestId, step, dueAt }).changes > 0,
    heartbeat: (runner: string, lease: number): void => void heartbeat.run({ runner, lease }),
    /** Returns jobs left running by a dead process (or an expired lease) to the queue. */
    releaseOrphans: (runner: string, deadRunners: string[], now: number): number =>
      orphans.run({ runner, now, dead: JSON.stringify(deadRunners) }).changes,
    /** Returns this runner's running jobs to the queue (a shutdown that could not wait for them). */
    returnToQueue: (runner: string): number => returnOwn.run({ runner }).changes,
    forRequest: (requestId: string): Job[] => byRequest.all(requestId).map(toJob),
    get(requestId: string, step: string): Job | null {
      const r = one.get(requestId, step);
      return r ? toJob(r) : null;
    },
    /** Jobs waiting to run (due or not), for the metrics. */
    pendingCount: (): number => pendingCount.get()?.n ?? 0,
    /** Requests with a pending job whose step starts with `prefix:` (`retire`: rotations in their grace period). */
    requestsAwaiting: (prefix: string): number => awaitingStep.get(prefix)?.n ?? 0,
    nextDueAt: (requestId: string | null = null): number | null =>
      (requestId === null ? nextDue.get() : nextDueOf.get(requestId))?.due_at ?? null,
  };
}

export type JobStore = ReturnType<typeof jobStore>;

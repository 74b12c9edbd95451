import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import { isKeybotError } from '../errors.js';
import { newId } from '../ids.js';
import type { Log } from '../log.js';
import type { Store } from '../store/index.js';
import type { Job } from '../store/jobs.js';
import { retryDelay } from './retry-delay.js';

export interface SchedulerOptions {
  store: Store;
  clock: Clock;
  log: Log;
  cron: string;
  /** Runs one job's step; throws to fail the attempt. */
  run(job: Job): Promise<void>;
  /** Called once when a job has used up its attempts or failed for good. */
  onGaveUp(job: Job, error: unknown): Promise<void>;
  /** Work done at every tick besides jobs (e.g. erasing expired secrets). */
  maintenance?: () => void;
  /** Run only this request's jobs (the CLI, beside a running bot). */
  onlyRequest?: string;
  concurrency?: number;
  leaseMs?: number;
  /** awaited before each job starts: the bot's order of work, acks first (src/ack-first.ts) */
  turn?: () => Promise<void>;
}

const HEARTBEAT_MS = 10_000;

/** The only thing that runs jobs: cron ticks, kicks, leases and retries over the store's queue. */
export interface Scheduler {
  /** this process's row in `runners` */
  runnerId: string;
  /** registers the runner and starts the cron ticks and heartbeats */
  start(): void;
  /** runs due jobs now (after an approval, or from tests and the CLI); resolves when the queue is idle */
  kick(): Promise<void>;
  /** runs everything due, including jobs that become due while running, until nothing is due */
  runDue(): Promise<void>;
  /** for /healthz: whether it runs, its last tick and how many jobs are in flight */
  health(): { running: boolean; lastTickAt: number; inFlight: number };
  /**
   * stops claiming, waits up to `drainMs` for running jobs, then returns those still running to the
   * queue (the next start resumes them); `beforeReturn` first ends work they run elsewhere (a worker
   * thread), so nothing writes for a job another process may claim next
   */
  stop(drainMs?: number, beforeReturn?: () => Promise<void>): Promise<{ returned: number }>;
}

// long: a factory: tick, claim and run share the timer, the running set and the store
/**
 * The only thing that carries out work. Jobs are claimed in one transaction (two ticks never take
 * the same job), run, and their outcome recorded; a job claimed by a process that died goes back
 * to the queue, so work due while the bot was down runs at the next start.
 */
export function createScheduler(o: SchedulerOptions): Scheduler {
  const runner = newId('run');
  const concurrency = o.concurrency ?? 4;
  const leaseMs = o.leaseMs ?? 5 * 60_000;
  const inFlight = new Map<string, Promise<void>>();
  let task: ScheduledTask | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let ticking: Promise<void> | null = null;
  let again = false;
  let wake: () => void = () => undefined;
  const woken = () => new Promise<void>((resolve) => (wake = resolve));
  let lastTickAt = 0;
  let stopped = false;
  /** set when a shutdown returned running jobs to the queue: their late outcome must not be written */
  let abandoned = false;

  /** A bot's scheduler (every request, not the CLI's one) leaves a tick the CLI can see: a bot runs here. */
  const recordTick = () => {
    if (o.onlyRequest !== undefined || !task) return;
    const [a, b] = task.getNextRuns(2);
    o.store.runners.ticked(runner, o.clock.now(), a && b ? b.getTime() - a.getTime() : 60_000);
  };

  const releaseOrphans = () => {
    const now = o.clock.now();
    const dead = o.store.runners.dead(runner, now, 6 * HEARTBEAT_MS);
    const released = o.store.jobs.releaseOrphans(runner, dead, now);
    dead.forEach((id) => o.store.runners.unregister(id));
    if (released > 0) o.log.warn({ released }, 'jobs of a stopped process returned to the queue');
  };

  const finish = async (job: Job, error: unknown) => {
    if (abandoned) return;
    const now = o.clock.now();
    const log = o.log.child({ jobId: job.id, requestId: job.requestId, step: job.step, key: job.key });
    if (error === undefined) {
      o.store.jobs.complete(job.id, now);
      return;
    }
    const message = isKeybotError(error) ? error.message : String((error as Error)?.message ?? error);
    const retryable = isKeybotError(error) ? error.retryable : true;
    if (retryable && job.attempts < job.maxAttempts) {
      const delay = retryDelay(job.attempts);
      o.store.jobs.retryLater(job.id, now + delay, message);
      log.warn({ err: error, attempts: job.attempts, retryInMs: delay }, 'job attempt failed; will retry');
      return;
    }
    o.store.jobs.fail(job.id, message, now);
    log.error({ err: error, attempts: job.attempts }, 'job failed');
    await o.onGaveUp(job, error).catch((e) => log.error({ err: e }, 'handling a failed job failed'));
  };

  const start = (job: Job) => {
    const p = o
      .run(job)
      .then(
        () => undefined,
        (e: unknown) => e ?? new Error('job failed'),
      )
      .then((error) => finish(job, error))
      .finally(() => inFlight.delete(job.id));
    inFlight.set(job.id, p);
  };

  const tickOnce = async () => {
    let maybeMore = false;
    do {
      again = false;
      lastTickAt = o.clock.now();
      const free = concurrency - inFlight.size;
      if (free > 0 && o.turn) await o.turn();
      const jobs = free > 0 ? o.store.jobs.claimDue(o.clock.now(), runner, free, leaseMs, o.onlyRequest ?? null) : [];
      jobs.forEach(start);
      // No free slot, or every one filled: more may be due behind them. Look again once they end,
      // even if all of them end in the same turn (they often do), rather than at the next cron tick.
      maybeMore = jobs.length === free;
      if (inFlight.size > 0 && !again) await Promise.race([...inFlight.values(), woken()]);
    } while ((again || inFlight.size > 0 || maybeMore) && !stopped);
  };

  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (ticking) {
      again = true; // a kick or cron tick while jobs run: claim newly due jobs without waiting for them
      wake();
      return ticking;
    }
    ticking = tickOnce()
      .catch((e) => o.log.error({ err: e }, 'scheduler tick failed'))
      .finally(() => {
        ticking = null;
      });
    return ticking;
  };

  return {
    runnerId: runner,
    start(): void {
      o.store.runners.register(runner, o.clock.now());
      releaseOrphans();
      task = cron.schedule(
        o.cron,
        () => {
          recordTick();
          releaseOrphans();
          o.maintenance?.(); // once per cron tick, not per job: it is a write transaction
          void tick();
        },
        { noOverlap: false, name: 'keybot-jobs' },
      );
      heartbeat = setInterval(() => {
        const now = o.clock.now();
        o.store.runners.heartbeat(runner, now);
        o.store.jobs.heartbeat(runner, now + leaseMs);
      }, HEARTBEAT_MS);
      heartbeat.unref();
      recordTick();
      void tick();
    },
    /** Runs due jobs now (after an approval, or from tests and the CLI). Resolves when the queue is idle. */
    kick: (): Promise<void> => tick(),
    /** Runs everything due, including jobs that become due while running, until nothing is due. */
    async runDue(): Promise<void> {
      o.maintenance?.();
      await tick();
      const due = () => o.store.jobs.nextDueAt(o.onlyRequest ?? null);
      while (due() !== null && (due() as number) <= o.clock.now()) await tick();
    },
    health: () => ({ running: task !== null && !stopped, lastTickAt, inFlight: inFlight.size }),
    /**
     * Stops claiming work, waits up to `drainMs` for the jobs that are running, then returns those
     * still running to the queue: every job is idempotent, so the next start resumes them.
     */
    async stop(drainMs = Number.POSITIVE_INFINITY, beforeReturn?: () => Promise<void>): Promise<{ returned: number }> {
      stopped = true;
      wake();
      await task?.destroy();
      if (heartbeat) clearInterval(heartbeat);
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        Promise.allSettled(inFlight.values()).then(() => true),
        ...(Number.isFinite(drainMs) ? [new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), drainMs)))] : []),
      ]);
      clearTimeout(timer);
      let returned = 0;
      if (!drained) {
        abandoned = true;
        await beforeReturn?.();
        returned = o.store.jobs.returnToQueue(runner);
        o.log.warn({ returned, drainMs }, 'jobs still running at shutdown returned to the queue; the next start resumes them');
      }
      o.store.runners.unregister(runner);
      return { returned };
    },
  };
}

import type { Worker } from 'node:worker_threads';
import { type Clock, systemClock } from '../../clock.js';
import { KeybotError } from '../../errors.js';
import type { Store } from '../../store/index.js';
import type { StepContext } from '../definition.js';
import { relayLog, startImportWorker } from './worker-thread.js';
import { type ExecuteJob, type ExecuteMessage, type ExecuteReply, errorFromWire, tykToWire } from './worker-wire.js';

/** The batch workers running on each store, so a stopping bot can end them (stopImportWorkers). */
const running = new WeakMap<Store, Set<Worker>>();
const stopping = new WeakSet<Worker>();

/**
 * Runs the batch of an approved import (run-batch.ts) in a worker thread with its own connection to
 * the bot's SQLite file and its own Tyk clients. The bot's event loop only passes messages on: log
 * lines, progress notices (posted here, through deps.notifier, and answered so the worker's updates
 * stay one at a time) and the end. A worker that crashes or runs out of memory fails the step, which
 * is retried like any failed attempt and resumes with the keys not yet done.
 */
export async function batchInWorker(ctx: StepContext): Promise<{ cancelled: boolean }> {
  const { config, tyk, store, clock } = ctx.deps;
  const shared = relayedClock(clock);
  const job: ExecuteJob = {
    request: ctx.request,
    concurrency: config.importConcurrency,
    dbPath: config.dbPath,
    secretKey: new Uint8Array(config.secretKey),
    tyk: tykToWire(config.tyk, tyk.keys.orgId),
    logLevel: config.logLevel,
    ...(shared ? { clock: shared.buffer } : {}),
  };
  const worker = startImportWorker('execute-worker', job);
  const live = running.get(store) ?? new Set<Worker>();
  running.set(store, live.add(worker));
  try {
    return await resultOf(worker, ctx);
  } finally {
    shared?.stop();
    live.delete(worker);
    await worker.terminate();
  }
}

/** Ends the batch workers of a bot that stops (after its scheduler returned their jobs to the queue): the next start resumes them. */
export async function stopImportWorkers(store: Store): Promise<void> {
  const live = [...(running.get(store) ?? [])];
  for (const w of live) stopping.add(w);
  await Promise.all(live.map((w) => w.terminate()));
}

function resultOf(worker: Worker, ctx: StepContext): Promise<{ cancelled: boolean }> {
  const log = ctx.log; // the step's bindings (requestId, jobId, step); the worker's lines bring their own component
  return new Promise((resolve, reject) => {
    worker.on('message', (m: ExecuteMessage) => {
      if (m.type === 'log') relayLog(log, m.line);
      else if (m.type === 'observed') for (const a of m.attempts) ctx.deps.observeTyk?.(a);
      else if (m.type === 'progress') {
        const { id, type: _type, ...counted } = m;
        const reply: ExecuteReply = { type: 'sent', id };
        void ctx.deps.notifier
          .send({ type: 'import-progress', request: ctx.request, ...counted })
          .catch((err) => log.warn({ err }, 'progress update failed'))
          .finally(() => worker.postMessage(reply));
      } else if (m.type === 'done') resolve({ cancelled: m.cancelled });
      else reject(errorFromWire(m.error));
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      // the error itself goes to the log only: its text may hold anything, and people see this message
      if (!oom) log.error({ err: e }, "the import's worker failed");
      reject(
        new KeybotError(
          'INTERNAL',
          `The import's worker ${oom ? 'ran out of memory' : 'failed (the log has why)'}; the step is tried again and resumes with the keys not done yet.`,
          true,
        ),
      );
    });
    worker.on('exit', (code) => {
      const why = stopping.has(worker) ? 'the bot is stopping; the next start resumes the import' : `exit code ${code}`;
      reject(new KeybotError('INTERNAL', `The import's worker stopped before the batch ended (${why}).`, true));
    });
  });
}

/**
 * The system clock is every thread's own; a test's clock (moved by hand) is copied into shared
 * memory every 10 ms for the worker to read, so the batch sees the time the bot sees.
 */
function relayedClock(clock: Clock): { buffer: SharedArrayBuffer; stop(): void } | null {
  if (clock === systemClock) return null;
  const buffer = new SharedArrayBuffer(8);
  const view = new BigInt64Array(buffer);
  const copy = () => Atomics.store(view, 0, BigInt(Math.round(clock.now())));
  copy();
  const timer = setInterval(copy, 10);
  timer.unref();
  return { buffer, stop: () => clearInterval(timer) };
}

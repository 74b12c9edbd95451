import { parentPort, threadId, workerData } from 'node:worker_threads';
import { type Clock, systemClock } from '../../clock.js';
import { createLog } from '../../log.js';
import { createStore } from '../../store/index.js';
import { createTykServices } from '../../tyk/create-services.js';
import type { Notifier } from '../notices.js';
import { runBatch } from './run-batch.js';
import { testOnlySpin } from './worker-thread.js';
import { type ExecuteJob, type ExecuteMessage, type ExecuteReply, errorToWire, tykFromWire } from './worker-wire.js';

/**
 * The batch's worker thread: one per running import (execute-in-worker.ts). It opens its own
 * connection to the bot's SQLite file (WAL: the bot keeps reading and writing meanwhile) and its own
 * Tyk clients, runs the batch, sends how it ended, and exits. Its log lines and progress notices go
 * to the bot as messages; the bot posts the notices, so Slack is called from one place.
 */
const port = parentPort;
if (!port) throw new Error('execute-worker.ts runs only as a worker thread');
const send = (m: ExecuteMessage) => port.postMessage(m);
const job = workerData as ExecuteJob;

const log = createLog({ level: job.logLevel, destination: { write: (line: string) => send({ type: 'log', line }) } });

const clock: Clock = job.clock ? sharedClock(job.clock) : systemClock;

function sharedClock(buffer: SharedArrayBuffer): Clock {
  const view = new BigInt64Array(buffer);
  return { now: () => Number(Atomics.load(view, 0)) };
}

/** Its Tyk clients' attempts, handed to the bot's /metrics and /readyz four times a second (and before the end). */
let attempts: Array<{ service: string; code: string; seconds: number }> = [];
const sendAttempts = () => {
  if (attempts.length > 0) send({ type: 'observed', attempts });
  attempts = [];
};
setInterval(sendAttempts, 250).unref();

/** Progress for the request's thread, handed to the bot; resolves once the bot has posted it. */
const waiting = new Map<number, () => void>();
port.on('message', (m: ExecuteReply) => {
  waiting.get(m.id)?.();
  waiting.delete(m.id);
});
let lastId = 0;
const notifier: Notifier = {
  send: (n) =>
    new Promise<void>((resolve) => {
      if (n.type !== 'import-progress') return resolve();
      const id = ++lastId;
      waiting.set(id, resolve);
      send({ type: 'progress', id, done: n.done, total: n.total, counts: n.counts, etaMs: n.etaMs });
    }),
};

async function run(): Promise<ExecuteMessage> {
  const store = createStore(job.dbPath, Buffer.from(job.secretKey));
  try {
    const tyk = await createTykServices({ tyk: tykFromWire(job.tyk) }, log.child({ component: 'import-worker' }), {
      observe: (a) => attempts.push(a),
    });
    log.info({ component: 'import-worker', threadId }, 'import batch started in its worker thread');
    testOnlySpin('KEYBOT_TEST_SLOW_BATCH_MS');
    const { cancelled } = await runBatch({ store, clock, log, tyk, notifier, concurrency: job.concurrency }, job.request);
    sendAttempts();
    return { type: 'done', cancelled };
  } catch (e) {
    sendAttempts();
    return { type: 'failed', error: errorToWire(e) };
  } finally {
    store.close();
  }
}

send(await run()); // the bot ends this thread once it has the result

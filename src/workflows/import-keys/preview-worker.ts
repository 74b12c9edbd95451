import { parentPort, workerData } from 'node:worker_threads';
import { fileFromSource } from '../../importers/index.js';
import { createLog } from '../../log.js';
import { createStore } from '../../store/index.js';
import { createTykServices } from '../../tyk/create-services.js';
import { stageAndPreview } from './stage-and-preview.js';
import { testOnlySpin } from './worker-thread.js';
import { errorToWire, tykFromWire, type WorkerJob, type WorkerMessage } from './worker-wire.js';

/**
 * The import worker thread: one per draft. It opens its own connection to the bot's SQLite file
 * (WAL lets the bot keep reading and writing meanwhile) and its own Tyk clients, stages and
 * previews, sends the result, and exits. Its log lines go to the bot's log as messages.
 */
const port = parentPort;
if (!port) throw new Error('preview-worker.ts runs only as a worker thread');
const send = (m: WorkerMessage) => port.postMessage(m);
const job = workerData as WorkerJob;

const log = createLog({ level: job.logLevel, destination: { write: (line: string) => send({ type: 'log', line }) } });

async function run(): Promise<WorkerMessage> {
  const store = createStore(job.dbPath, Buffer.from(job.secretKey));
  try {
    const tyk = await createTykServices({ tyk: tykFromWire(job.tyk) }, log.child({ component: 'import-worker' }));
    testOnlySpin('KEYBOT_TEST_SLOW_PARSE_MS');
    const result = await stageAndPreview(store, tyk, {
      requestId: job.requestId,
      files: job.files.map(fileFromSource),
      choice: job.choice,
      maxKeys: job.maxKeys,
      now: job.now,
      concurrency: job.concurrency,
    });
    return { type: 'done', result };
  } catch (e) {
    return { type: 'failed', error: errorToWire(e) };
  } finally {
    store.close();
  }
}

send(await run());

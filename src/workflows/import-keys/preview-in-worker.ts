import type { Worker } from 'node:worker_threads';
import { unixSeconds } from '../../clock.js';
import { KeybotError } from '../../errors.js';
import { fileSource, type ImportFile } from '../../importers/index.js';
import type { Log } from '../../log.js';
import type { WorkflowDeps } from '../deps.js';
import type { StagedPreview } from './stage-and-preview.js';
import type { ImportChoice } from './types.js';
import { relayLog, startImportWorker } from './worker-thread.js';
import { errorFromWire, tykToWire, type WorkerJob, type WorkerMessage } from './worker-wire.js';

/**
 * Heap of one import worker. The bot's own heap stays small; a file that needs more than this to
 * read fails alone, with a message, instead of taking the bot down with it.
 */
export const IMPORT_WORKER_HEAP_MB = 256;

/**
 * Runs stageAndPreview in a worker thread. The bot's event loop only passes messages (log lines
 * and the result), so acks, clicks and /healthz keep answering while a 100,000-key file is read.
 */
export async function previewInWorker(
  d: Pick<WorkflowDeps, 'config' | 'tyk' | 'log' | 'clock'>,
  input: { requestId: string; files: ImportFile[]; choice: ImportChoice },
): Promise<StagedPreview> {
  const job: WorkerJob = {
    requestId: input.requestId,
    files: input.files.map((f) => {
      const source = fileSource(f);
      if (!source) throw new KeybotError('INTERNAL', `The file ${f.name} cannot be handed to the import worker.`);
      return source;
    }),
    choice: input.choice,
    maxKeys: d.config.importMaxKeys,
    now: unixSeconds(d.clock),
    concurrency: d.config.importConcurrency,
    dbPath: d.config.dbPath,
    secretKey: new Uint8Array(d.config.secretKey),
    tyk: tykToWire(d.config.tyk, d.tyk.keys.orgId),
    logLevel: d.config.logLevel,
  };
  const worker = startImportWorker('preview-worker', job, { maxOldGenerationSizeMb: IMPORT_WORKER_HEAP_MB });
  try {
    return await resultOf(worker, d.log.child({ component: 'import-worker' }));
  } finally {
    await worker.terminate();
  }
}

function resultOf(worker: Worker, log: Log): Promise<StagedPreview> {
  return new Promise((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'log') relayLog(log, m.line);
      else if (m.type === 'done') resolve(m.result);
      else reject(errorFromWire(m.error));
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        reject(
          new KeybotError(
            'BAD_INPUT',
            `Reading this export needs more than the ${IMPORT_WORKER_HEAP_MB} MB of memory one import may use. Split it into smaller files, or export it as CSV, which is read row by row.`,
          ),
        );
      } else reject(e);
    });
    worker.on('exit', (code) => reject(new Error(`the import worker stopped (exit code ${code}) before it answered`)));
  });
}

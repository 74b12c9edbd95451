import { Worker } from 'node:worker_threads';
import { unixSeconds } from '../../clock.js';
import { KeybotError } from '../../errors.js';
import { fileSource, type ImportFile } from '../../importers/index.js';
import type { Log } from '../../log.js';
import type { WorkflowDeps } from '../deps.js';
import type { StagedPreview } from './stage-and-preview.js';
import type { ImportChoice } from './types.js';
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
  const { script, evalCode } = workerEntry();
  const worker = new Worker(evalCode ?? script, {
    eval: evalCode !== undefined,
    workerData: job,
    resourceLimits: { maxOldGenerationSizeMb: IMPORT_WORKER_HEAP_MB },
  });
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

const LEVELS: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** A worker's pino line (already redacted there) written again through the bot's log. */
function relayLog(log: Log, line: string): void {
  try {
    const { level, msg, time: _time, pid: _pid, hostname: _host, app: _app, ...fields } = JSON.parse(line) as Record<string, unknown>;
    log[LEVELS[level as number] ?? 'info'](fields, typeof msg === 'string' ? msg : '');
  } catch {
    log.warn('the import worker wrote a log line that is not JSON');
  }
}

/**
 * The worker's entry: the built preview-worker.js next to this file, or, when the bot runs from its
 * TypeScript sources (tests), the .ts file through the loader hooks in scripts/ts-worker-hooks.mjs.
 */
function workerEntry(): { script: URL; evalCode?: string } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { script: new URL('./preview-worker.js', here) };
  const script = new URL('./preview-worker.ts', here);
  const hooks = new URL('../../../scripts/ts-worker-hooks.mjs', here);
  return {
    script,
    evalCode: `import('node:module').then((m) => m.register(${JSON.stringify(hooks.href)})).then(() => import(${JSON.stringify(script.href)}))`,
  };
}

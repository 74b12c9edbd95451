import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { Log } from '../../log.js';
import { startThread } from '../../thread.js';

/** Starts one of the import's worker threads: `name` is the entry next to this file (`preview-worker`, `execute-worker`). */
export const startImportWorker = (name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker =>
  startThread(import.meta.url, name, workerData, resourceLimits);

/**
 * Tests only: the environment variable `variable` (KEYBOT_TEST_SLOW_PARSE_MS, KEYBOT_TEST_SLOW_BATCH_MS)
 * makes a worker spin that long, standing in for a slow parser or a batch's CPU, so a test can show
 * the bot still answers meanwhile. Ignored unless NODE_ENV=test.
 */
export function testOnlySpin(variable: string): void {
  const ms = Number(process.env[variable] ?? 0);
  if (process.env['NODE_ENV'] !== 'test' || !(ms > 0)) return;
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // deliberately blocking this thread, never the bot's
  }
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
export function relayLog(log: Log, line: string): void {
  try {
    const { level, msg, time: _time, pid: _pid, hostname: _host, app: _app, ...fields } = JSON.parse(line) as Record<string, unknown>;
    log[LEVELS[level as number] ?? 'info'](fields, typeof msg === 'string' ? msg : '');
  } catch {
    log.warn('the import worker wrote a log line that is not JSON');
  }
}

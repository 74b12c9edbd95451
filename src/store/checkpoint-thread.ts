import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './open-database.js';

/**
 * The checkpoint thread (checkpointer.ts): its own connection moves the WAL into the database
 * every `everyMs`, so that no connection does it inside a commit. PASSIVE never waits for a lock.
 */
const port = parentPort;
if (!port) throw new Error('checkpoint-thread.ts runs only as a worker thread');
const { dbPath, everyMs, closed } = workerData as { dbPath: string; everyMs: number; closed: SharedArrayBuffer };
const db = openDatabase(dbPath);
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // a checkpoint that fails (a full disk) is tried again at the next interval; the WAL only grows meanwhile
  }
}, everyMs);
port.on('message', () => {
  clearInterval(timer);
  db.close();
  const flag = new Int32Array(closed);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  port.close();
});

import { startThread } from '../thread.js';

/** How often the WAL is moved into the database: a few hundred KB at a time under an import's writes. */
const EVERY_MS = 500;
/** Longest `stop` waits for the thread to close its connection (it starts in about 50 ms). */
const STOP_WAIT_MS = 5_000;

/**
 * Checkpoints off the event loop. A checkpoint run inside a commit (SQLite's automatic one) costs
 * that commit the copy of the WAL and an fsync, and while a large one runs the other connections'
 * writes wait too: with an import writing from its worker thread, the bot's own transactions (the
 * replay guard's, before an ack) waited 10–40 ms at a time. So no connection checkpoints in its
 * commits (open-database.ts); the process that writes runs this thread, whose own connection
 * checkpoints every half second. `stop` waits until the thread has closed its connection, so the
 * caller's connection, closed next, is the last one: SQLite then checkpoints what is left and removes the WAL.
 */
export function startCheckpointer(dbPath: string, onError: (err: Error) => void): { stop(): void } {
  const closed = new SharedArrayBuffer(4);
  const thread = startThread(import.meta.url, 'checkpoint-thread', { dbPath, everyMs: EVERY_MS, closed });
  thread.unref();
  // a thread that failed leaves the WAL to grow until the connections close; nothing waits for it
  thread.on('error', onError);
  thread.once('exit', () => Atomics.store(new Int32Array(closed), 0, 1));
  return {
    stop: () => {
      thread.postMessage('stop');
      Atomics.wait(new Int32Array(closed), 0, 0, STOP_WAIT_MS);
    },
  };
}

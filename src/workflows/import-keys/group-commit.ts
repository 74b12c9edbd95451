/**
 * An import's checkpoint writes, grouped: the writes the batch's workers ask for in one turn of the
 * event loop commit together in one transaction, at the end of that turn (setImmediate). A worker
 * goes on only once its write is committed, so each key's intent (`creating`) is still durable
 * before its create is sent and its outcome before the next key; what changes is one commit for
 * up to IMPORT_CONCURRENCY keys instead of two per key, and the wait lets the event loop take the
 * Slack requests that arrived meanwhile (an ack never waits behind a run of import writes).
 * A write that throws fails every write of its group (nothing of the group was committed).
 */
export interface GroupCommit {
  write(fn: () => void): Promise<void>;
}

export function groupCommit(tx: (fn: () => void) => void): GroupCommit {
  let queued: Array<{ fn: () => void; done: () => void; fail: (e: unknown) => void }> = [];
  const flush = () => {
    const group = queued;
    queued = [];
    try {
      tx(() => {
        for (const w of group) w.fn();
      });
    } catch (e) {
      for (const w of group) w.fail(e);
      return;
    }
    for (const w of group) w.done();
  };
  return {
    write: (fn) =>
      new Promise<void>((done, fail) => {
        if (queued.push({ fn, done, fail }) === 1) setImmediate(flush);
      }),
  };
}

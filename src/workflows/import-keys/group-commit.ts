/**
 * An import's checkpoint writes, grouped: the writes the batch's workers ask for in one turn of the
 * event loop commit together in one transaction, at the end of that turn (setImmediate).
 *
 * A key's intent (`creating`) is a `write`: the worker waits for its commit, so the intent is
 * durable before the create is sent. A key's outcome is `later`: the worker goes on to its next key
 * at once, and the outcome commits with that turn's group, usually beside the next key's intent. A
 * crash before that commit leaves the key `creating`, and a resumed batch creates it again (a
 * custom-key POST of the same session is an upsert), so nothing is lost by not waiting; what it
 * saves is one turn of waiting per key. The wait also lets the event loop take whatever arrived
 * meanwhile, so a run of import writes never holds the thread.
 *
 * A write that throws fails every write of its group (nothing of the group was committed): the
 * waiting ones reject, and the first failure of a `later` one is thrown by the next `write` or by
 * `settle`, so it cannot pass unseen.
 */
export interface GroupCommit {
  /** commits `fn` with this turn's group; resolves once it is committed */
  write(fn: () => void): Promise<void>;
  /** `fn` joins this turn's group without waiting for the commit */
  later(fn: () => void): void;
  /** resolves once everything asked for is committed; throws the first failure of a `later` write */
  settle(): Promise<void>;
}

interface Queued {
  fn: () => void;
  done: () => void;
  fail: (e: unknown) => void;
}

export function groupCommit(tx: (fn: () => void) => void): GroupCommit {
  let queued: Queued[] = [];
  let flushed: Promise<void> = Promise.resolve();
  let lost: { error: unknown } | null = null;
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
  const enqueue = (w: Queued) => {
    if (queued.push(w) === 1) flushed = new Promise<void>((resolve) => setImmediate(() => resolve(flush())));
  };
  const thrown = () => {
    if (lost) throw lost.error;
  };
  const noop = () => {};
  return {
    write: (fn) =>
      new Promise<void>((done, fail) => {
        thrown();
        enqueue({ fn, done, fail });
      }),
    later: (fn) =>
      enqueue({
        fn,
        done: noop,
        fail: (error) => {
          lost ??= { error };
        },
      }),
    settle: async () => {
      await flushed;
      thrown();
    },
  };
}

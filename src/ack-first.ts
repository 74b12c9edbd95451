/**
 * Acks first. Slack gives a delivery 3 seconds to be acknowledged, and the bot shares one thread
 * between acks and the work they start (Tyk lookups, drafts, posts, the jobs a click runs). Without
 * an order, a burst of acknowledged requests makes every new ack wait behind their work: each reply
 * from Tyk or Slack resumes a piece of it, in the same turns of the event loop as the new requests.
 *
 * So the work waits for its turn at each step that follows I/O: `turn()` resolves once no Slack
 * delivery is between its arrival and its listener, one waiter per turn of the event loop (so a
 * delivery that arrives meanwhile goes first again). A steady stream of deliveries cannot starve
 * the work: a waiter is let through after `maxWaitMs` whatever arrives. A delivery that never
 * reaches a listener (a bad signature, a replay) counts until its answer is sent, and at most
 * `maxHoldMs`, so a lost one cannot stop the work. docs/reliability.md has the order of work.
 */
export interface AckFirst {
  /** a delivery arrived; call the returned function (once is enough, more is harmless) when its listener starts or it was answered */
  arrived(): () => void;
  /** resolves when it is the work's turn: no delivery waiting for its listener, or `maxWaitMs` passed */
  turn(): Promise<void>;
  /** deliveries between arrival and listener, now */
  readonly waiting: number;
}

export interface AckFirstOptions {
  /** longest a piece of work waits while deliveries keep arriving */
  maxWaitMs?: number;
  /** longest one delivery counts as waiting, if nothing releases it */
  maxHoldMs?: number;
}

/** The work's turn comes right after this turn's I/O: for a process that takes no deliveries (the CLI, a worker). */
export const noDeliveries: AckFirst = {
  arrived: () => () => undefined,
  turn: () => new Promise((resolve) => setImmediate(resolve)),
  waiting: 0,
};

// long: a factory: the count of waiting deliveries, the queue of waiters and their timers are one state
export function ackFirst(o: AckFirstOptions = {}): AckFirst {
  const maxWaitMs = o.maxWaitMs ?? 200;
  const maxHoldMs = o.maxHoldMs ?? 3_000;
  let waiting = 0;
  const queue: Array<{ resolve: () => void; since: number }> = [];
  let scheduled = false;
  let timer: NodeJS.Timeout | undefined;

  /** Lets the first waiter through, one per turn, while no delivery waits (or the first has waited too long). */
  const drain = () => {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      const first = queue[0];
      if (!first) return;
      if (waiting > 0 && performance.now() - first.since < maxWaitMs) return void armTimer(first.since);
      queue.shift()?.resolve();
      drain();
    });
  };

  /** While deliveries wait, the first waiter still goes at `maxWaitMs`. */
  const armTimer = (since: number) => {
    if (timer) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        const first = queue[0];
        if (!first) return;
        if (performance.now() - first.since >= maxWaitMs) queue.shift()?.resolve();
        drain();
      },
      Math.max(1, maxWaitMs - (performance.now() - since)),
    );
    timer.unref();
  };

  return {
    arrived() {
      waiting += 1;
      let done = false;
      const hold = setTimeout(() => release(), maxHoldMs);
      hold.unref();
      const release = () => {
        if (done) return;
        done = true;
        clearTimeout(hold);
        waiting -= 1;
        if (waiting === 0) drain();
      };
      return release;
    },
    turn() {
      return new Promise<void>((resolve) => {
        queue.push({ resolve, since: performance.now() });
        drain();
      });
    },
    get waiting() {
      return waiting;
    },
  };
}

/**
 * The work a listener starts after its ack (Tyk lookups, drafts, modal downloads) runs here, a
 * few at a time. Node has one thread: without a bound, a burst of commands makes every new
 * request's ack wait behind the whole burst's work, and Slack gives up after 3 seconds. With it,
 * acks stay quick and the work queues.
 */
export function afterAckQueue(concurrency = 2) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await work();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

export type AfterAck = ReturnType<typeof afterAckQueue>;

/**
 * Runs `fn` over `items` with at most `limit` calls in flight; the workers pull from one shared
 * iterator, so items are read (from SQLite, a page at a time) only as fast as they are handled.
 * `stop()` is asked before each item: a cancelled batch finishes the calls in flight and no more.
 */
export async function forEachBounded<T>(
  items: AsyncIterable<T>,
  limit: number,
  fn: (item: T) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  const it = items[Symbol.asyncIterator]();
  const worker = async () => {
    while (!stop()) {
      const next = await it.next();
      if (next.done) return;
      await fn(next.value);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
}

import type { WorkflowDeps } from '../deps.js';

/** Keys written per transaction: a commit per key costs more CPU than the key's Tyk call. */
const WRITE_BATCH = 200;

/**
 * Collects writes and commits them `WRITE_BATCH` at a time, in one transaction each; `flush()`
 * writes the rest. A scan cut short loses at most one batch, which the next scan reads again.
 */
export function batchedWrites<T>(d: WorkflowDeps, write: (items: T[]) => void) {
  let pending: T[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    d.store.tx(() => write(items));
  };
  return {
    add(item: T): void {
      pending.push(item);
      if (pending.length >= WRITE_BATCH) flush();
    },
    flush,
  };
}

import type { Store } from '../../store/index.js';

/** Fingerprints per history row: a 100,000-key import is 200 rows, none of them large. */
const PER_ROW = 500;

/**
 * Writes into the chained history which keys an import created, overwrote or undid (by fingerprint,
 * never the value), and indexes the request by the fingerprints of the keys it put into Tyk, so
 * `/key-history KEY` and `tyk-keybot history KEY` find the import a key came from. Runs inside the
 * transaction that ends the batch (or its undo).
 */
export function recordImportedKeys(
  store: Store,
  requestId: string,
  statuses: readonly ('created' | 'overwritten' | 'undone')[],
  at: number,
): void {
  for (const status of statuses) {
    // a page per history row: a 1,000,000-key batch's fingerprints are never one array
    for (let after = -1; ; ) {
      const { fingerprints: part, last } = store.importItems.fingerprintsPage(requestId, status, after, PER_ROW);
      if (part.length === 0) break;
      after = last;
      store.history.append({ requestId, event: `keys-${status}`, actor: 'keybot', at, data: { count: part.length, fingerprints: part } });
      if (status !== 'undone') for (const fp of part) store.requests.addRef(requestId, fp);
    }
  }
}

/**
 * The request's refs to the keys it put into Tyk, a page per transaction with a turn of the event
 * loop between: done at the end of a batch, ahead of the transaction that ends it, so that one has
 * only lookups left (`addRef` ignores a ref already there) and holds the write lock for a moment.
 */
export async function indexImportedKeys(store: Store, requestId: string): Promise<void> {
  for (const status of ['created', 'overwritten'] as const) {
    for (let after = -1; ; ) {
      const { fingerprints, last } = store.importItems.fingerprintsPage(requestId, status, after, PER_ROW);
      if (fingerprints.length === 0) break;
      after = last;
      store.tx(() => {
        for (const fp of fingerprints) store.requests.addRef(requestId, fp);
      });
      await new Promise((r) => setImmediate(r));
    }
  }
}

import type { OpenedItem } from '../../store/import-items.js';
import type { Store } from '../../store/index.js';
import type { ImportTarget } from './target.js';

const SAMPLE = 20;
/** The sample's reads go out together: one after another they cost 20 round trips at the end of every batch. */
const READS_IN_FLIGHT = 8;

/**
 * Creates are confirmed by Tyk's reply; the batch is then checked as a whole: one listing must
 * show every created key, and a sample is read back by raw value through its API's org, which
 * also catches keys created in the wrong org (usable by nobody). A key the listing lacks failed; a
 * key Tyk accepted stays `created` (it exists: a re-run finds it), with what the read-back found as its note.
 */
export async function verifyBatch(store: Store, requestId: string, target: ImportTarget, sample: OpenedItem[]): Promise<void> {
  // The created keys are read back from SQLite as they are compared: 100,000 never sit in memory at once.
  const failed = new Set<number>();
  for (const idx of (await target.missing(store.importItems.created(requestId))) ?? []) {
    store.importItems.setStatus(requestId, idx, 'failed', 'Tyk does not list the key after creating it');
    failed.add(idx);
  }
  const toRead = sample.slice(0, SAMPLE).filter((item) => !failed.has(item.idx));
  for (let i = 0; i < toRead.length; i += READS_IN_FLIGHT) {
    const chunk = toRead.slice(i, i + READS_IN_FLIGHT);
    const problems = await Promise.all(chunk.map((item) => target.verify(item.key, item.session)));
    chunk.forEach((item, j) => {
      const problem = problems[j];
      if (!problem) return;
      store.importItems.note(requestId, item.idx, problem);
    });
  }
}

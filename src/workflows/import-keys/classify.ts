import type { Store } from '../../store/index.js';
import { forEachBounded } from './for-each-bounded.js';
import { itemPages } from './item-pages.js';
import type { ImportTarget } from './target.js';

export interface Classified {
  new: number;
  identical: number;
  conflict: number;
}

/** For the preview: how many ready keys Tyk already has, and with the same settings or not. Nothing is written. */
export async function classify(store: Store, requestId: string, target: ImportTarget, concurrency: number): Promise<Classified> {
  await target.prepare();
  const c: Classified = { new: 0, identical: 0, conflict: 0 };
  await forEachBounded(itemPages(store, requestId, ['ready']), concurrency, async (item) => {
    const p = await target.presence(item.key, item.session);
    if (!p.exists) c.new += 1;
    else if (p.diff.length === 0) c.identical += 1;
    else c.conflict += 1;
  });
  return c;
}

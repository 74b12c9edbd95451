import type { ItemStatus, OpenedItem } from '../../store/import-items.js';
import type { Store } from '../../store/index.js';

const PAGE = 500;

/** The batch's items in the given statuses, decrypted a page at a time in index order. */
export async function* itemPages(store: Store, requestId: string, statuses: readonly ItemStatus[]): AsyncGenerator<OpenedItem> {
  let after = -1;
  for (;;) {
    const page = store.importItems.page(requestId, statuses, after, PAGE);
    if (page.length === 0) return;
    yield* page;
    after = (page.at(-1) as OpenedItem).idx;
  }
}

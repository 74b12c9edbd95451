import type { ItemRow } from '../../store/import-items.js';
import type { WorkflowDeps } from '../deps.js';
import { toCounts } from './counts.js';
import type { ImportCounts } from './types.js';

/** What a batch came to, item by item: for the CLI's summary, `--results` file and `--json`. */
export interface ImportResults {
  /** the batch's counts by outcome, from its items' statuses */
  counts(requestId: string): ImportCounts;
  /** every item of the batch in file order, one at a time (fingerprints, never a key value) */
  items(requestId: string): Iterable<ItemRow>;
}

export function importResults(d: Pick<WorkflowDeps, 'store'>): ImportResults {
  const { importItems } = d.store;
  return {
    counts: (requestId) => toCounts(importItems.counts(requestId)),
    items: (requestId) => importItems.all(requestId),
  };
}

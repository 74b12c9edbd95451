import type { ItemStatus } from '../../store/import-items.js';
import type { ImportCounts } from './types.js';

/** The summary counts of a batch from its items' statuses. */
export function toCounts(byStatus: Partial<Record<ItemStatus, number>>): ImportCounts {
  const n = (s: ItemStatus) => byStatus[s] ?? 0;
  return {
    new: n('ready') + n('new') + n('creating'),
    identical: n('identical'),
    conflict: n('conflict'),
    skipped: n('skipped'),
    invalid: n('invalid'),
    created: n('created'),
    overwritten: n('overwritten'),
    failed: n('failed'),
    undone: n('undone'),
  };
}

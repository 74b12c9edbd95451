import type { Store } from '../../store/index.js';
import { forEachBounded } from './for-each-bounded.js';
import { itemPages } from './item-pages.js';
import { notImported, type PlanContext } from './plan.js';
import type { ImportTarget } from './target.js';

export const PLANNED_STATUSES = ['new', 'identical', 'conflict', 'skipped', 'invalid'] as const;
export type PlannedStatus = (typeof PLANNED_STATUSES)[number];

export interface Classified {
  new: number;
  identical: number;
  conflict: number;
  /** decided here, on top of the parser's */
  skipped: number;
  invalid: number;
  /** the first of those, with their place */
  problems: string[];
  /** key values that start with the org ID (a JSON-token gateway cannot find them by value) */
  orgPrefixed: number;
  /** every existing key with other settings, by place and fingerprint, in file order (overwritten when chosen) */
  conflicts: string[];
}

/**
 * For the preview: what execution will do with each ready key. Keys that will not be imported
 * (expired by now, unknown API or policy, inactive where policies decide) are marked so in the
 * store, and execution leaves them alone; the others are compared with Tyk. Nothing is written to Tyk.
 */
export async function classify(
  store: Store,
  requestId: string,
  target: ImportTarget,
  opts: { concurrency: number; plan: PlanContext; orgId: string; onPlanned?: (idx: number, status: PlannedStatus) => void },
): Promise<Classified> {
  await target.prepare();
  const c: Classified = { new: 0, identical: 0, conflict: 0, skipped: 0, invalid: 0, problems: [], orgPrefixed: 0, conflicts: [] };
  const conflictAt: Array<[number, string]> = [];
  const planned = (idx: number, status: PlannedStatus) => {
    c[status] += 1;
    opts.onPlanned?.(idx, status);
  };
  await forEachBounded(itemPages(store, requestId, ['ready']), opts.concurrency, async (item) => {
    if (opts.orgId !== '' && item.key.reveal().startsWith(opts.orgId)) c.orgPrefixed += 1;
    const no = notImported(item.session, opts.plan);
    if (no) {
      store.importItems.setNotImported(requestId, item.idx, no.status, no.reason);
      if (c.problems.length < 20) c.problems.push(`${item.ref}${item.line ? ` (line ${item.line})` : ''}: ${no.status}, ${no.reason}`);
      return planned(item.idx, no.status);
    }
    const p = await target.presence(item.key, item.session);
    const status = !p.exists ? 'new' : p.diff.length === 0 ? 'identical' : 'conflict';
    if (status === 'conflict') conflictAt.push([item.idx, `${item.ref} ${item.key.fingerprint}`]);
    planned(item.idx, status);
  });
  c.conflicts = conflictAt.sort((a, b) => a[0] - b[0]).map(([, what]) => what);
  return c;
}

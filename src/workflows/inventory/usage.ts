import type { WorkflowDeps } from '../deps.js';
import { forEachBounded } from '../import-keys/for-each-bounded.js';
import { ageBasis, DAY_MS, IDLE_MS } from './age.js';
import { batchedWrites } from './batched-writes.js';
import { refOf } from './scanned-key.js';

/**
 * "Last seen in use" from the Dashboard's per-key analytics (a Gateway has none; there only a
 * moving quota counter tells, which the scan records). Incremental: a key is asked about only
 * when it is old enough to be idle, was not seen within the idle window, and was not asked about
 * in the last day, so a weekly scan of a busy fleet costs few analytics calls after the first.
 */
export async function checkUsage(
  d: WorkflowDeps,
  limit: number,
  progress: (done: number, of: number) => void = () => undefined,
): Promise<number> {
  const activity = d.tyk.keys.activity;
  if (!activity) return 0;
  const now = d.clock.now();
  const due: string[] = [];
  for (const k of d.store.inventory.all()) {
    const since = ageBasis(k);
    if (since === null || now - since < IDLE_MS) continue;
    if (k.lastSeenAt !== null && now - k.lastSeenAt < IDLE_MS - DAY_MS) continue;
    if (k.usageCheckedAt !== null && now - k.usageCheckedAt < DAY_MS) continue;
    due.push(k.ident);
  }
  const writes = batchedWrites<{ ident: string; lastHitMs: number | null; at: number }>(d, (items) => {
    for (const u of items) d.store.inventory.setUsage(u.ident, u.lastHitMs, u.at);
  });
  let done = 0;
  progress(done, due.length);
  await forEachBounded(
    (async function* () {
      yield* due;
    })(),
    limit,
    async (ident) => {
      const row = d.store.inventory.get(ident);
      if (row?.ref) {
        const { keyHash } = refOf(row.ref);
        const seen = await activity(keyHash, now - IDLE_MS, now);
        writes.add({ ident, lastHitMs: seen.lastHitMs ?? null, at: d.clock.now() });
      }
      progress(++done, due.length);
    },
  );
  writes.flush();
  return due.length;
}

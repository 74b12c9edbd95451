import type { Clock } from '../../clock.js';
import { unixSeconds } from '../../clock.js';
import { describeError } from '../../describe-error.js';
import type { Log } from '../../log.js';
import type { Secret } from '../../secret.js';
import type { OpenedItem } from '../../store/import-items.js';
import type { Store } from '../../store/index.js';
import { isTykError } from '../../tyk/errors.js';
import type { GroupCommit } from './group-commit.js';
import { hasExpired } from './plan.js';
import type { ImportTarget } from './target.js';
import type { OnConflict } from './types.js';

export interface Created {
  handle: Secret;
  keyHash: string | null;
}

export type ItemOutcome = 'created' | 'overwritten' | 'identical' | 'conflict' | 'skipped' | 'failed';

/** Errors that mean every further call will fail too: stop the batch instead of failing each key. */
export const isFatal = (e: unknown): boolean => isTykError(e) && (e.kind === 'unauthorized' || e.kind === 'forbidden');

/**
 * One key of a batch, checkpointed (its writes grouped with the other workers', group-commit.ts):
 * the intent ('new' or 'overwrite') is committed before the create, so a crash between the two is
 * resolved on resume by creating again (a custom-key POST of the same session is an upsert) rather
 * than by guessing. The outcome is not waited for: until it commits the key is still `creating`,
 * which a resumed batch already handles, and every outcome a key can have is safe to reach again.
 */
export async function processItem(
  d: { store: Store; clock: Clock; log: Log; target: ImportTarget; requestId: string; onConflict: OnConflict; commits: GroupCommit },
  item: OpenedItem,
  created: (c: Created) => void,
): Promise<ItemOutcome> {
  const { store, target, requestId, commits } = d;
  const done = (status: ItemOutcome, error: string | null = null): ItemOutcome => {
    commits.later(() => store.importItems.setStatus(requestId, item.idx, status, error));
    return status;
  };
  let intent = item.status === 'creating' ? item.intent : null;
  if (!intent) {
    // Expired since the preview: Tyk would store it as never expiring. The preview skipped the ones expired then.
    if (hasExpired(item.session, unixSeconds(d.clock))) {
      commits.later(() => store.importItems.setNotImported(requestId, item.idx, 'skipped', 'expired'));
      return 'skipped';
    }
    const presence = await target.presence(item.key, item.session);
    if (presence.exists && presence.diff.length === 0) return done('identical');
    if (presence.exists && d.onConflict === 'skip') return done('conflict', `differs in ${presence.diff.join(', ')}`);
    intent = presence.exists ? 'overwrite' : 'new';
    const marked = intent;
    await commits.write(() => store.importItems.markCreating(requestId, item.idx, marked));
  }
  try {
    const c = await target.create(item.key, item.session, item.extra, intent === 'overwrite');
    const status = intent === 'new' ? 'created' : 'overwritten';
    // in one commit: the item's outcome and what `created` records (the key inventory's origin row)
    commits.later(() => {
      store.importItems.setCreated(requestId, item.idx, status, c.handle, c.keyHash);
      created(c);
    });
    return status;
  } catch (e) {
    if (isFatal(e)) throw e;
    return done('failed', describeError(e, d.log).message);
  }
}

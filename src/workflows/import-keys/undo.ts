import { KeybotError } from '../../errors.js';
import { forEachBounded } from './for-each-bounded.js';
import { recordImportedKeys } from './record-keys.js';
import { targetFor } from './target-for.js';
import type { ImportContext, ImportState } from './types.js';

async function* each<T>(xs: T[]): AsyncGenerator<T> {
  yield* xs;
}

/**
 * Step `undo`: deletes exactly the keys this batch created, never the ones that were there before
 * (identical, conflicting or overwritten keys stay). Re-running after a crash skips what is undone.
 */
export async function undoImport(ctx: ImportContext): Promise<void> {
  const { store, clock, tyk, config } = ctx.deps;
  const r = ctx.request;
  const target = targetFor(tyk, ctx.params);
  const failures: string[] = [];
  await forEachBounded(each(store.importItems.indexesWith(r.id, 'created')), config.importConcurrency, async (idx) => {
    const handle = store.importItems.tokenOf(r.id, idx);
    if (!handle) return;
    try {
      await target.remove(handle);
      store.importItems.setStatus(r.id, idx, 'undone');
    } catch (e) {
      failures.push(String(idx));
      ctx.log.warn({ err: e, idx }, 'undo of one key failed');
    }
  });
  if (failures.length > 0) throw new KeybotError('TYK', `${failures.length} key(s) could not be deleted yet; retrying.`, true);
  const now = clock.now();
  store.tx(() => {
    store.requests.patchState(r.id, { undoneAt: now } satisfies ImportState, now);
    recordImportedKeys(store, r.id, ['undone'], now);
    store.history.append({
      requestId: r.id,
      event: 'import-undone',
      actor: ctx.state.undoRequestedBy ?? 'keybot',
      at: now,
      data: { undone: store.importItems.indexesWith(r.id, 'undone').length },
    });
    store.jobs.enqueue({ requestId: r.id, step: 'report', key: 'report:undo', dueAt: now, payload: { undo: true } }, now);
  });
  ctx.deps.kick();
}

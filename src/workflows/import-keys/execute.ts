import { KeybotError } from '../../errors.js';
import type { OpenedItem } from '../../store/import-items.js';
import type { Store } from '../../store/index.js';
import { keyHash } from '../../tyk/token.js';
import type { StepContext } from '../definition.js';
import { forgetLater } from '../forget.js';
import { recordOrigin } from '../inventory/record-origin.js';
import { beginRequest } from '../rotate-key/begin.js';
import { toCounts } from './counts.js';
import { forEachBounded } from './for-each-bounded.js';
import { groupCommit } from './group-commit.js';
import { itemPages } from './item-pages.js';
import { type Created, processItem } from './process-item.js';
import { progressReporter } from './progress.js';
import { recordImportedKeys } from './record-keys.js';
import { targetFor } from './target-for.js';
import type { ImportContext, ImportState } from './types.js';
import { verifyBatch } from './verify-batch.js';

/**
 * Step `execute` of an import: every ready key, IMPORT_CONCURRENCY at a time, each checkpointed
 * in SQLite (the workers' writes of one event-loop turn in one commit). A restart resumes with the keys not yet done. Cancel stops after the calls in flight.
 */
export async function executeImport(ctx: ImportContext): Promise<void> {
  const { store, clock, tyk, config, notifier, log } = ctx.deps;
  const r = ctx.request;
  const p = ctx.params;
  beginRequest(ctx);
  const before = toCounts(store.importItems.counts(r.id));
  if (p.allOrNothing && before.invalid > 0) {
    throw new KeybotError(
      'BAD_INPUT',
      `${before.invalid} record(s) of the file are invalid and "all or nothing" was chosen, so no key was imported.`,
    );
  }
  const now = clock.now();
  store.tx(() => {
    if (ctx.state.startedAt) return;
    store.requests.patchState(r.id, { startedAt: now } satisfies ImportState, now);
    store.history.append({
      requestId: r.id,
      event: 'import-started',
      actor: 'keybot',
      at: now,
      data: { keys: before.new, target: p.target },
    });
  });
  const target = targetFor(tyk, p);
  await target.prepare();
  const progress = progressReporter({ notifier, clock, log, request: r, total: p.total, alreadyDone: p.total - before.new });
  progress.start();
  const sample: OpenedItem[] = [];
  let cancelled = false;
  let lastCheck = 0;
  const stop = () => {
    if (clock.now() - lastCheck > 1_000) {
      lastCheck = clock.now();
      // A request that is gone cannot be continued: treat it as cancelled rather than crash.
      const state = ctx.currentState();
      cancelled = state ? Boolean(state.cancelRequested) : true;
    }
    return cancelled;
  };
  const { write } = groupCommit((fn) => store.tx(fn));
  await forEachBounded(
    itemPages(store, r.id, ['ready', 'creating']),
    config.importConcurrency,
    async (item) => {
      const outcome = await processItem({ store, clock, log, target, requestId: r.id, onConflict: p.onConflict, write }, item, (c) => {
        if (sample.length < 20) sample.push(item);
        if (p.target !== 'portal') keepOrigin(store, r.id, item, c);
      });
      progress.count(outcome);
    },
    stop,
  );
  await progress.flush();
  await verifyBatch(store, r.id, target, sample);
  ctx.deps.kick();
  finishImport(ctx, cancelled ? 'cancelled' : 'finished');
}

/** Ends a batch: values erased, outcome recorded, the report queued. */
export function finishImport(ctx: StepContext, outcome: 'finished' | 'cancelled' | 'failed', message?: string): void {
  const { store, clock } = ctx.deps;
  const id = ctx.request.id;
  const now = clock.now();
  const counts = toCounts(store.importItems.counts(id));
  store.tx(() => {
    store.importItems.eraseSecrets(id);
    forgetLater(store, id, now, ctx.deps.config.restoreWindowMs); // the created keys' IDs, kept for Undo
    store.requests.patchState(
      id,
      { finishedAt: now, outcome, ...(outcome === 'cancelled' ? { cancelledAt: now } : {}) } satisfies ImportState,
      now,
    );
    recordImportedKeys(store, id, ['created', 'overwritten'], now);
    store.history.append({
      requestId: id,
      event: `import-${outcome}`,
      actor: 'keybot',
      at: now,
      data: { ...counts, ...(message ? { message } : {}) },
    });
    const status = outcome === 'failed' ? 'failed' : outcome === 'cancelled' || counts.failed > 0 ? 'partial' : 'succeeded';
    store.requests.transition(id, ['approved', 'running'], status, now, message);
    store.jobs.enqueue({ requestId: id, step: 'report', dueAt: now }, now);
  });
  ctx.deps.kick();
}

/** The key inventory learns the imported key and its source platform's creation date (its age counts from it). */
function keepOrigin(store: Store, requestId: string, item: OpenedItem, c: Created): void {
  const hash = c.keyHash ?? keyHash(c.handle.reveal());
  recordOrigin(store, {
    token: c.handle,
    keyHash: hash,
    fingerprint: item.key.fingerprint,
    requestId,
    sourceCreatedAt: item.createdAt ?? null,
  });
}

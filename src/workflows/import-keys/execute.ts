import { KeybotError } from '../../errors.js';
import type { StepContext } from '../definition.js';
import { forgetLater } from '../forget.js';
import { beginRequest } from '../rotate-key/begin.js';
import { toCounts } from './counts.js';
import { batchInWorker } from './execute-in-worker.js';
import { recordImportedKeys } from './record-keys.js';
import type { ImportContext, ImportState } from './types.js';

/**
 * Step `execute` of an import: every ready key, IMPORT_CONCURRENCY at a time, each checkpointed
 * in SQLite (run-batch.ts). A restart resumes with the keys not yet done. Cancel stops after the calls in flight.
 * The batch runs in a worker thread (execute-in-worker.ts), so the bot's event loop only passes its
 * messages on while a 100,000-key import runs. The worker opens KEYBOT_DB itself, which is why the
 * settings refuse an in-memory database.
 */
export async function executeImport(ctx: ImportContext): Promise<void> {
  const { store, clock } = ctx.deps;
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
  const { cancelled } = await batchInWorker(ctx);
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

import type { Store } from '../store/index.js';
import type { StepContext } from './definition.js';

/**
 * Erases every value a request still holds (vault rows, import items' keys and key IDs) and
 * records it; in the caller's transaction. Returns how many values were erased.
 */
export function forgetRequest(store: Store, requestId: string, now: number, why: string): number {
  const erased = store.forgetSecrets(requestId, now);
  if (erased > 0) store.history.append({ requestId, event: 'secrets-erased', actor: 'keybot', at: now, data: { values: erased, why } });
  return erased;
}

/** Queues the step that erases a request's values once its restore (or Undo) window has passed. */
export function forgetLater(store: Store, requestId: string, now: number, windowMs: number): void {
  store.jobs.enqueue({ requestId, step: 'forget', dueAt: now + windowMs }, now);
}

/**
 * Step `forget`: the window for Restore (a rotation, a revocation) or Undo import is over, so the
 * references kept for it go, and the WAL that still held their old pages is emptied.
 */
export async function forgetStep(ctx: StepContext): Promise<void> {
  const { store, clock } = ctx.deps;
  store.tx(() => forgetRequest(store, ctx.request.id, clock.now(), 'restore window over'));
  store.eraseCheckpoint();
}

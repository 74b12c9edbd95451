import type { Session } from '../../tyk/session.js';
import { forgetLater } from '../forget.js';
import { enqueueConfirm } from './confirm-retirement.js';
import type { Retirement } from './retire-key.js';
import type { RotationContext, RotationState } from './types.js';

/**
 * The old key was retired in Tyk (or was gone already): records it, in the caller's transaction,
 * for a scheduled retirement and an emergency one alike. The request succeeds, the new key's
 * reference goes (handover and grace are over), the old key's stays for Restore until
 * RESTORE_WINDOW, the thread is told, and the confirmation at the consumer path is queued.
 */
export function recordRetirement(
  ctx: RotationContext,
  o: { session: Session | null; done: Retirement; by: string; confirmAfterMs: number; emergency?: boolean; now: number },
): void {
  const { store, config } = ctx.deps;
  const r = ctx.request;
  const params = ctx.params;
  const state = ctx.state;
  const { session, done, by, now } = o;
  store.requests.patchState(
    r.id,
    {
      retiredAt: now,
      retiredBy: by,
      retiredWith: done.action,
      ...(session ? { before: { expires: session.expires, is_inactive: session.is_inactive } } : {}),
    } satisfies RotationState,
    now,
  );
  store.jobs.cancel(r.id, 'remind', now);
  store.history.append({
    requestId: r.id,
    event: 'retired',
    actor: by,
    at: now,
    data: {
      fingerprint: params.fingerprint,
      action: done.action,
      ...(o.emergency ? { emergency: true } : {}),
      ...(done.fellBack ? { note: 'is_inactive was ignored by Tyk; expired instead' } : {}),
      ...(session ? {} : { note: o.emergency ? 'the key was already gone' : 'the old key was already gone' }),
    },
  });
  store.requests.transition(r.id, ['running'], 'succeeded', now);
  if (state.newRef) store.vault.erase(state.newRef, now);
  forgetLater(store, r.id, now, config.restoreWindowMs);
  ctx.engine.notify(r.id, `retired:${ctx.job.key}`, { type: 'retired', action: done.action, fellBack: done.fellBack, by });
  if (session || o.emergency) enqueueConfirm(store, r.id, 1, now + o.confirmAfterMs, now);
}

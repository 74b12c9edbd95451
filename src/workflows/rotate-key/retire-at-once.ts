import { KeybotError } from '../../errors.js';
import type { StepContext } from '../definition.js';
import { forgetLater } from '../forget.js';
import { EMERGENCY_CHECK_MS } from './confirm-retirement.js';
import { awaitsRetirement, rotationPhase } from './phase.js';
import { retireKey } from './retire-key.js';
import { getRef } from './stored-ref.js';
import type { RotationParams, RotationState } from './types.js';

/**
 * Step `revoke`: the emergency retirement, of a `/rotate-key --now` right after the handover and of
 * a `/revoke-key` right after approval. No grace, no usage hold, no reminders: a leaked key is
 * retired even while it is in use. A rotation still retires nothing unless its replacement exists.
 * The confirmation at the consumer path follows (`confirm:1`, docs/tyk-behaviour.md §4.2).
 */
export async function retireAtOnce(ctx: StepContext): Promise<void> {
  const state = ctx.request.state as RotationState;
  if (!awaitsRetirement(rotationPhase(state))) return;
  const { store, clock, tyk } = ctx.deps;
  const r = ctx.request;
  const params = r.params as RotationParams;
  const old = getRef(store.vault, params.oldRef);
  if (!old) throw new KeybotError('INTERNAL', 'the reference to the old key is missing from the vault');
  const fresh = state.newRef ? getRef(store.vault, state.newRef) : null;
  if (state.newRef && !(fresh && (await tyk.keys.get(fresh.ref))))
    throw new KeybotError(
      'CONFLICT',
      `The new key ${state.newFingerprint} is no longer in Tyk, so the old key was NOT retired and still works.`,
    );
  const session = await tyk.keys.get(old.ref);
  const done = session ? await retireKey(tyk.keys, old.ref, session, params.action, clock) : { action: params.action, fellBack: false };
  const now = clock.now();
  store.tx(() => {
    store.requests.patchState(
      r.id,
      {
        retiredAt: now,
        retiredBy: 'keybot',
        retiredWith: done.action,
        ...(session ? { before: { expires: session.expires, is_inactive: session.is_inactive } } : {}),
      } satisfies RotationState,
      now,
    );
    store.history.append({
      requestId: r.id,
      event: 'retired',
      actor: 'keybot',
      at: now,
      data: {
        fingerprint: params.fingerprint,
        action: done.action,
        emergency: true,
        ...(session ? {} : { note: 'the key was already gone' }),
      },
    });
    store.requests.transition(r.id, ['running'], 'succeeded', now);
    // Handover and grace are over: the new key's reference is no longer needed; the old key's stays for Restore.
    if (state.newRef) store.vault.erase(state.newRef, now);
    forgetLater(store, r.id, now, ctx.deps.config.restoreWindowMs);
    ctx.engine.notify(r.id, `retired:${ctx.job.step}`, { type: 'retired', action: done.action, fellBack: done.fellBack, by: 'keybot' });
    store.jobs.enqueue({ requestId: r.id, step: 'confirm:1', dueAt: now + EMERGENCY_CHECK_MS }, now);
  });
  ctx.deps.kick();
}

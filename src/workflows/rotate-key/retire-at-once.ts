import { KeybotError } from '../../errors.js';
import { EMERGENCY_CHECK_MS } from './confirm-retirement.js';
import { awaitsRetirement, rotationPhase } from './phase.js';
import { recordRetirement } from './record-retirement.js';
import { retireKey } from './retire-key.js';
import { getRef } from './stored-ref.js';
import type { RotationContext } from './types.js';

/**
 * Step `revoke`: the emergency retirement, of a `/rotate-key --now` right after the handover and of
 * a `/revoke-key` right after approval. No grace, no usage hold, no reminders: a leaked key is
 * retired even while it is in use. A rotation still retires nothing unless its replacement exists.
 * The confirmation at the consumer path follows (`confirm:1`, docs/tyk-behaviour.md §4.2).
 */
export async function retireAtOnce(ctx: RotationContext): Promise<void> {
  const state = ctx.state;
  if (!awaitsRetirement(rotationPhase(state))) return;
  const { store, clock, tyk } = ctx.deps;
  const params = ctx.params;
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
  store.tx(() => recordRetirement(ctx, { session, done, by: 'keybot', confirmAfterMs: EMERGENCY_CHECK_MS, emergency: true, now }));
  ctx.deps.kick();
}

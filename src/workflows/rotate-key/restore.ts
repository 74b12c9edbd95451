import { KeybotError } from '../../errors.js';
import { oldKeyRetired, rotationPhase } from './phase.js';
import { getRef } from './stored-ref.js';
import type { RotationContext, RotationState } from './types.js';

/** Step `restore:<n>`: undo a retirement made with expire or deactivate; the old key works again. */
export async function restore(ctx: RotationContext): Promise<void> {
  const state = ctx.state;
  if (!oldKeyRetired(rotationPhase(state)) || !state.before) return;
  const { store, clock, tyk } = ctx.deps;
  const r = ctx.request;
  const old = getRef(store.vault, ctx.params.oldRef);
  if (!old)
    throw new KeybotError('NOT_FOUND', "The restore window (RESTORE_WINDOW) is over: the bot no longer holds the old key's reference.");
  const session = await tyk.keys.get(old.ref);
  if (!session) throw new KeybotError('NOT_FOUND', 'The old key is no longer in Tyk (its retention ran out), so it cannot be restored.');
  await tyk.keys.update(old.ref, { ...session, ...state.before }, { suppressReset: true });
  const back = await tyk.keys.get(old.ref);
  if (
    back?.is_inactive !== state.before.is_inactive ||
    (back.expires < 1 ? 0 : back.expires) !== (state.before.expires < 1 ? 0 : state.before.expires)
  ) {
    throw new KeybotError('TYK', 'Tyk did not keep the restored settings of the old key.', true);
  }
  const now = clock.now();
  const by = ctx.job.payload['by'] as string;
  store.tx(() => {
    store.requests.patchState(r.id, { restoredAt: now } satisfies RotationState, now);
    store.history.append({
      requestId: r.id,
      event: 'restored',
      actor: by,
      at: now,
      data: { fingerprint: ctx.params.fingerprint },
    });
    ctx.engine.notify(r.id, `restored:${ctx.job.step}`, {
      type: 'progress',
      text:
        r.kind === 'revoke-key'
          ? `:leftwards_arrow_with_hook: <@${by}> restored the revoked key ${ctx.params.fingerprint}; it works again.`
          : `:leftwards_arrow_with_hook: <@${by}> restored the old key ${ctx.params.fingerprint}; it works again next to the new one. Rotate again when the clients have moved.`,
    });
  });
  ctx.deps.kick();
}

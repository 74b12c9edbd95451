import { z } from 'zod';
import { KeybotError } from '../../errors.js';
import { withPayload } from '../definition.js';
import { oldKeyRetired, rotationPhase } from './phase.js';
import { getRef } from './stored-ref.js';
import type { RotationContext, RotationState } from './types.js';

/** A `restore` job's payload: who clicked Restore. */
export const restorePayload = z.object({ by: z.string() });

/** Step `restore` (key `restore:<time>`): undo a retirement made with expire or deactivate; the old key works again. */
export const restore = withPayload(restorePayload, async (ctx: RotationContext, { by }) => {
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
  store.tx(() => {
    store.requests.patchState(r.id, { restoredAt: now } satisfies RotationState, now);
    store.history.append({
      requestId: r.id,
      event: 'restored',
      actor: by,
      at: now,
      data: { fingerprint: ctx.params.fingerprint },
    });
    ctx.engine.notify(r.id, `restored:${ctx.job.key}`, {
      type: 'key-restored',
      by,
      fingerprint: ctx.params.fingerprint,
      revoked: r.kind === 'revoke-key',
    });
  });
  ctx.deps.kick();
});

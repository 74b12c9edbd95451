import { withPayload } from '../definition.js';
import { awaitsRetirement, rotationPhase } from './phase.js';
import { isStale, remindPayload } from './schedule.js';
import { getRef } from './stored-ref.js';
import type { RotationContext } from './types.js';
import { observeUsage } from './usage.js';

/** Step `remind` (key `remind:r<round>:<offset>`): tells the team when the old key retires and whether it is still used. */
export const remind = withPayload(remindPayload, async (ctx: RotationContext, { round }) => {
  const state = ctx.state;
  if (isStale(ctx, round) || !awaitsRetirement(rotationPhase(state))) return;
  const { store, clock, tyk } = ctx.deps;
  const old = getRef(store.vault, ctx.params.oldRef);
  const session = old ? await tyk.keys.get(old.ref) : null;
  const usage = old && session ? await observeUsage(ctx, old, session) : 'unknown';
  const now = clock.now();
  store.tx(() => {
    store.history.append({
      requestId: ctx.request.id,
      event: 'reminded',
      actor: 'keybot',
      at: now,
      data: { usage, retireAt: new Date(state.retireAt ?? now).toISOString() },
    });
    ctx.engine.notify(ctx.request.id, `reminder:${ctx.job.key}`, {
      type: 'reminder',
      retireAt: state.retireAt ?? now,
      usage,
      held: false,
    });
  });
  ctx.deps.kick();
});

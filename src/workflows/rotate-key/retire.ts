import { KeybotError } from '../../errors.js';
import { withPayload } from '../definition.js';
import { CONFIRM_AFTER_MS } from './confirm-retirement.js';
import { awaitsRetirement, rotationPhase } from './phase.js';
import { recordRetirement } from './record-retirement.js';
import { retireKey } from './retire-key.js';
import { isStale, retirePayload, scheduleRetirement } from './schedule.js';
import { getRef } from './stored-ref.js';
import type { RotationContext, RotationState, Usage } from './types.js';
import { observeUsage } from './usage.js';

/**
 * Step `retire` (key `retire:r<round>`): retire the old key once the grace period is over. While the old key is
 * still in use it is held and the team reminded, until someone clicks Retire now (`force`) or
 * RETIRE_HOLD_LIMIT has passed. No old key is retired unless its replacement exists.
 */
export const retire = withPayload(retirePayload, async (ctx: RotationContext, payload) => {
  const state = ctx.state;
  if (isStale(ctx, payload.round) || !awaitsRetirement(rotationPhase(state))) return;
  const { store, clock, tyk, config } = ctx.deps;
  const r = ctx.request;
  const params = ctx.params;
  const old = getRef(store.vault, params.oldRef);
  const fresh = state.newRef ? getRef(store.vault, state.newRef) : null;
  if (!old || !fresh) throw new KeybotError('INTERNAL', 'a key reference is missing from the vault');
  const session = await tyk.keys.get(old.ref);
  // counted from the grace end as extended, not the original one (rotations scheduled before graceEndsAt fall back)
  const graceEnd = state.graceEndsAt ?? (state.graceStartedAt ?? r.createdAt) + params.graceMs;
  const force = payload.force || clock.now() >= graceEnd + config.retireHold.limitMs;
  // The recipients never got the new key (every Reveal expired unshown): retiring the old one would cut the consumer off.
  const unrevealed = !payload.force && newKeyNeverRevealed(ctx);
  const usage = session && !force && !unrevealed ? await observeUsage(ctx, old, session) : 'unknown';
  if (session && (unrevealed || (!force && usage === 'in-use'))) return holdRetirement(ctx, unrevealed, usage);
  if (!(await tyk.keys.get(fresh.ref))) {
    throw new KeybotError(
      'CONFLICT',
      `The new key ${state.newFingerprint} is no longer in Tyk, so the old key was NOT retired and still works. Check Tyk, then rotate again.`,
    );
  }
  // A Cancel, Extend grace or Retire now may have landed while this job waited on Tyk: it wins.
  if (overtaken(ctx, state)) return;
  const done = session ? await retireKey(tyk.keys, old.ref, session, params.action, clock) : { action: params.action, fellBack: false };
  const now = clock.now();
  const by = payload.by ?? 'keybot';
  store.tx(() => {
    // The window left: a click during the Tyk write itself. The key is retired by then, so it is
    // recorded as retired (Restore can undo it) and the thread is told the click came too late.
    if (overtaken(ctx, state)) {
      ctx.engine.notify(r.id, `late:${ctx.job.key}`, {
        type: 'progress',
        text: `A Cancel or Extend grace arrived while the old key ${params.fingerprint} was being retired; it was retired anyway. An approver can click Restore.`,
      });
    }
    recordRetirement(ctx, { session, done, by, confirmAfterMs: CONFIRM_AFTER_MS, now });
  });
  ctx.deps.kick();
});

/** The old key is still in use, or nobody revealed the new one: retirement waits, and the team is told. */
function holdRetirement(ctx: RotationContext, unrevealed: boolean, usage: Usage): void {
  const { store, clock, config } = ctx.deps;
  const r = ctx.request;
  const state = ctx.state;
  const now = clock.now();
  store.tx(() => {
    const retireAt = now + config.retireHold.recheckMs;
    scheduleRetirement(ctx.deps, r.id, retireAt, { remind: false, recheck: true });
    store.requests.patchState(r.id, { heldSince: state.heldSince ?? now }, now);
    store.history.append({
      requestId: r.id,
      event: 'retirement-held',
      actor: 'keybot',
      at: now,
      data: {
        reason: unrevealed ? 'the new key was never revealed' : 'old key still in use',
        nextCheck: new Date(retireAt).toISOString(),
      },
    });
    ctx.engine.notify(r.id, `held:${ctx.job.key}`, {
      type: 'reminder',
      retireAt,
      usage: unrevealed ? usage : 'in-use',
      held: true,
      heldFor: unrevealed ? 'unrevealed' : 'in-use',
    });
  });
  ctx.deps.kick();
}

/** True when the request changed since this job read it (cancelled, retired, or rescheduled into a new round). */
function overtaken(ctx: RotationContext, seen: RotationState): boolean {
  const now = ctx.currentState();
  return !now || !awaitsRetirement(rotationPhase(now)) || now.round !== seen.round;
}

/** True when Reveal values were erased by REVEAL_TTL and none was ever shown (a CLI hand-over has no Reveal rows). */
function newKeyNeverRevealed(ctx: RotationContext): boolean {
  const events = ctx.deps.store.history.forRequest(ctx.request.id).map((e) => e.event);
  return events.includes('reveal-expired') && !events.includes('revealed');
}

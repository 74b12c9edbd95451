import { z } from 'zod';
import { unixSeconds } from '../../clock.js';
import type { Store } from '../../store/index.js';
import { withPayload } from '../definition.js';
import { announceDead } from './announce-dead.js';
import { rotationPhase } from './phase.js';
import { retireKey } from './retire-key.js';
import { getRef } from './stored-ref.js';
import type { RotationContext, RotationState } from './types.js';

/** A gateway keeps a key's session cached for about 10 s under the value consumers send (docs/tyk-behaviour.md). */
export const CONFIRM_AFTER_MS = 30_000;
const MAX_CONFIRMS = 5;
/** Emergencies re-check often, so a write-back is undone well within the cache window, and longer (4.3). */
export const EMERGENCY_CHECK_MS = 5_000;
/** An emergency retirement is dead once it has held this long after the last write: every cached copy older than it has expired. */
export const CACHE_WINDOW_MS = 11_000;
const MAX_EMERGENCY_CONFIRMS = 60;

/** A `confirm` job's payload: which check this is (1 the first). */
export const confirmPayload = z.object({ attempt: z.number().int().min(1).default(1) });

/** Queues check number `attempt` of a retirement (key `confirm:<attempt>`), in the caller's transaction. */
export const enqueueConfirm = (store: Pick<Store, 'jobs'>, requestId: string, attempt: number, dueAt: number, now: number): boolean =>
  store.jobs.enqueue({ requestId, step: 'confirm', key: `confirm:${attempt}`, dueAt, payload: { attempt } }, now);

/**
 * Step `confirm` (key `confirm:<n>`): a retirement can be undone by the gateway's session cache while the old key
 * is in use (a cached session is written back on each request). After the cache window the old
 * key is read again; if it works again, retirement is re-applied and the team is told why. An
 * emergency re-checks every EMERGENCY_CHECK_MS until the key has stayed retired for a whole cache
 * window, then tells the thread and the requester that it is dead.
 */
export const confirmRetirement = withPayload(confirmPayload, async (ctx: RotationContext, { attempt }) => {
  const state = ctx.state;
  if (rotationPhase(state) !== 'retired' || !state.retiredWith || !state.retiredAt) return;
  const retiredAt = state.retiredAt;
  const { store, clock, tyk } = ctx.deps;
  const params = ctx.params;
  const urgent = params.emergency === true;
  const old = getRef(store.vault, params.oldRef);
  if (!old) return;
  const session = await tyk.keys.get(old.ref);
  const holds =
    state.retiredWith === 'delete'
      ? session === null
      : state.retiredWith === 'deactivate'
        ? session?.is_inactive === true
        : session === null || (session.expires > 0 && session.expires <= unixSeconds(clock) + (urgent ? 0 : 60));
  const next = (now: number) => enqueueConfirm(store, ctx.request.id, attempt + 1, now + EMERGENCY_CHECK_MS, now);
  if (holds || !session) {
    if (!urgent) return;
    const now = clock.now();
    if (now - (state.reappliedAt ?? retiredAt) >= CACHE_WINDOW_MS) announceDead(ctx, now);
    else store.tx(() => next(now));
    return ctx.deps.kick();
  }
  const done = await retireKey(tyk.keys, old.ref, session, state.retiredWith, clock);
  const now = clock.now();
  store.tx(() => {
    store.requests.patchState(ctx.request.id, { reappliedAt: now } satisfies RotationState, now);
    store.history.append({
      requestId: ctx.request.id,
      event: 'retirement-reapplied',
      actor: 'keybot',
      at: now,
      data: { action: done.action, attempt },
    });
    const last = attempt >= (urgent ? MAX_EMERGENCY_CONFIRMS : MAX_CONFIRMS);
    // An emergency re-applies every few seconds: the team hears of the first and the last time only.
    if (!urgent || attempt === 1 || last)
      ctx.engine.notify(ctx.request.id, `reapplied:${attempt}`, {
        type: 'retirement-reapplied',
        fingerprint: params.fingerprint,
        attempt,
        last,
      });
    if (last) return;
    if (urgent) next(now);
    else enqueueConfirm(store, ctx.request.id, attempt + 1, now + CONFIRM_AFTER_MS, now);
  });
  ctx.deps.kick();
});

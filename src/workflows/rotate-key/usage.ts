import type { Session } from '../../tyk/session.js';
import type { StoredRef } from './stored-ref.js';
import type { RotationContext, RotationState, Usage } from './types.js';

const HOUR = 3_600_000;

/**
 * A quota counter reading, for keys that have a quota (the only usage hint a Gateway gives, docs/tyk-api.md §4).
 * A missing quota_remaining is a 0 that 5.12+ leaves out — typically a key not called since its last reset —
 * and is a reading like any other: the first call after it moves the value.
 */
export const sampleUsage = (s: Session, now: number): RotationState['quotaSample'] =>
  s.quota_max > 0 ? { remaining: s.quota_remaining ?? 0, at: now } : undefined;

/**
 * Is the old key still used? With a Dashboard: key analytics, used within the last hour. Otherwise:
 * did quota_remaining move since the previous reading (taken at handover and at each reminder, the
 * last one an hour before retirement by default)? 'unknown' when Tyk cannot tell.
 */
export async function observeUsage(ctx: RotationContext, old: StoredRef, session: Session): Promise<Usage> {
  const { tyk, clock, store } = ctx.deps;
  const now = clock.now();
  if (tyk.keys.activity && old.keyHash) {
    const a = await tyk.keys.activity(old.keyHash, now - HOUR, now);
    return a.lastHitMs !== undefined && a.lastHitMs >= now - HOUR ? 'in-use' : 'idle';
  }
  const sample = sampleUsage(session, now);
  if (!sample) return 'unknown';
  const previous = ctx.state.quotaSample;
  store.requests.patchState(ctx.request.id, { quotaSample: sample } satisfies RotationState, now);
  if (!previous) return 'unknown';
  if (previous.remaining === sample.remaining) return 'idle';
  // Without a live counter Tyk shows the stored value, which policies clear to 0: for a key with policies a
  // quiet renewal and a used-up quota both read 0, so the move says nothing (docs/tyk-behaviour.md "Version table").
  if (sample.remaining === 0 && (session.apply_policies ?? []).length > 0) return 'unknown';
  return 'in-use';
}

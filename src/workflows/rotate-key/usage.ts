import type { Session } from '../../tyk/session.js';
import type { StepContext } from '../definition.js';
import type { StoredRef } from './stored-ref.js';
import type { RotationState, Usage } from './types.js';

const HOUR = 3_600_000;

/** A quota counter reading, for keys that have a quota (the only usage hint a Gateway gives, docs/tyk-api.md §4). */
export const sampleUsage = (s: Session, now: number): RotationState['quotaSample'] =>
  s.quota_max > 0 && s.quota_remaining !== undefined ? { remaining: s.quota_remaining, at: now } : undefined;

/**
 * Is the old key still used? With a Dashboard: key analytics, used within the last hour. Otherwise:
 * did quota_remaining move since the previous reading (taken at handover and at each reminder, the
 * last one an hour before retirement by default)? 'unknown' when Tyk cannot tell.
 */
export async function observeUsage(ctx: StepContext, old: StoredRef, session: Session): Promise<Usage> {
  const { tyk, clock, store } = ctx.deps;
  const now = clock.now();
  if (tyk.keys.activity && old.keyHash) {
    const a = await tyk.keys.activity(old.keyHash, now - HOUR, now);
    return a.lastHitMs !== undefined && a.lastHitMs >= now - HOUR ? 'in-use' : 'idle';
  }
  const sample = sampleUsage(session, now);
  if (!sample) return 'unknown';
  const previous = (ctx.request.state as RotationState).quotaSample;
  store.requests.patchState(ctx.request.id, { quotaSample: sample } satisfies RotationState, now);
  if (!previous) return 'unknown';
  return previous.remaining !== sample.remaining ? 'in-use' : 'idle';
}

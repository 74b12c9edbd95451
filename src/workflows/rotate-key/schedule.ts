import { z } from 'zod';
import type { WorkflowDeps } from '../deps.js';
import { isEmergency } from '../emergency.js';
import { ROTATION_KINDS, stateOf } from '../saved.js';
import type { RotationContext, RotationState } from './types.js';

/**
 * (Re)schedules the reminders and the retirement for `retireAt`, in the caller's transaction.
 * Each scheduling is a new round: jobs of earlier rounds find a stale round and do nothing, so an
 * extension or a Retire-now can never race an old job. Reminder offsets already in the past are
 * skipped; if none is left, one reminder goes out now (docs/design.md "Contract details"). A `recheck`
 * (the in-use hold) moves only the next attempt; every other scheduling also sets where the grace period ends.
 */
export function scheduleRetirement(
  d: Pick<WorkflowDeps, 'store' | 'clock' | 'config'>,
  id: string,
  retireAt: number,
  opts: { force?: boolean; remind?: boolean; by?: string; recheck?: boolean } = {},
): number {
  const { store, clock, config } = d;
  const now = clock.now();
  const request = store.requests.get(id);
  if (!request) throw new Error(`scheduleRetirement: request ${id} does not exist`);
  const round = (stateOf(ROTATION_KINDS, request).round ?? 0) + 1;
  store.jobs.cancel(id, 'remind', now);
  store.jobs.cancel(id, 'retire', now);
  if (isEmergency(request)) {
    // `--now`: no grace and no reminders; retired at once, in use or not (retire-at-once.ts)
    store.jobs.enqueue({ requestId: id, step: 'revoke', dueAt: now }, now);
    store.requests.patchState(id, { round, retireAt: now } satisfies RotationState, now);
    return round;
  }
  if (opts.remind !== false) {
    for (const r of reminderTimes(retireAt, now, config.remindersMs))
      store.jobs.enqueue(
        { requestId: id, step: 'remind', key: `remind:r${round}:${r.offsetMs}`, dueAt: r.dueAt, payload: { round, offsetMs: r.offsetMs } },
        now,
      );
  }
  store.jobs.enqueue(
    {
      requestId: id,
      step: 'retire',
      key: `retire:r${round}`,
      dueAt: retireAt,
      payload: { round, force: opts.force ?? false, ...(opts.by ? { by: opts.by } : {}) },
    },
    now,
  );
  store.requests.patchState(id, { round, retireAt, ...(opts.recheck ? {} : { graceEndsAt: retireAt }) } satisfies RotationState, now);
  return round;
}

/**
 * When the reminders before a retirement at `retireAt` go out: each REMINDERS offset still in the
 * future, or a single one now (offset 0) when every offset has passed.
 */
export function reminderTimes(retireAt: number, now: number, offsetsMs: readonly number[]): Array<{ offsetMs: number; dueAt: number }> {
  const future = offsetsMs.filter((off) => retireAt - off > now);
  return future.length > 0 ? future.map((off) => ({ offsetMs: off, dueAt: retireAt - off })) : [{ offsetMs: 0, dueAt: now }];
}

/** A `remind` job's payload: its scheduling round, and how long before the retirement it goes out. */
export const remindPayload = z.object({ round: z.number().int(), offsetMs: z.number().optional() });

/** A `retire` job's payload: its round; `force` (Retire now) retires an old key still in use; `by` who clicked. */
export const retirePayload = z.object({ round: z.number().int(), force: z.boolean().default(false), by: z.string().optional() });

/** True when a job of scheduling round `round` belongs to an earlier round than the request's current one. */
export const isStale = (ctx: RotationContext, round: number): boolean => round !== ctx.state.round;

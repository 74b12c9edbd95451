import { formatDuration } from '../../duration.js';
import { formatTime } from '../../format-time.js';
import type { RequestRecord } from '../../store/requests.js';
import type { WorkflowDeps } from '../deps.js';
import { forgetLater } from '../forget.js';
import { type Refusal, refuse } from '../refusal.js';
import type { RequestEngine } from '../requests.js';
import { paramsOf, ROTATION_KINDS, stateOf } from '../saved.js';
import { oldKeyRetired, rotationPhase } from './phase.js';
import { scheduleRetirement } from './schedule.js';
import type { RotationParams, RotationState } from './types.js';

type Who = 'approver' | 'approver-or-requester';

/** The buttons of a rotation in grace; each checks who clicked and returns a Refusal instead of throwing. */
export interface RotationControls {
  /** before the Extend grace modal opens: may this person extend, and is there still something to extend? */
  checkExtend(id: string, user: string): Promise<true | Refusal>;
  /** moves retirement later by `byMs`; beyond MAX_GRACE in total it becomes a request that needs approval */
  extendGrace(id: string, user: string, byMs: number): Promise<{ retireAt: number; approvalRequest?: string } | Refusal>;
  /** approvers only: retire now, skipping the in-use hold */
  retireNow(id: string, user: string): Promise<true | Refusal>;
  /** approvers or the requester: no retirement; the new key stays and the old one keeps working */
  cancel(id: string, user: string): Promise<true | Refusal>;
  /** approvers only: undo a retirement made with expire or deactivate */
  restore(id: string, user: string): Promise<true | Refusal>;
}

// long: a factory of the five button methods (RotationControls), each short
/**
 * The buttons on reminders and results: Extend grace, Retire now, Cancel, Restore. Each checks who
 * clicked and what state the rotation is in, then changes the schedule in one transaction; Tyk is
 * only touched by the jobs they queue.
 */
export function rotationControls(d: WorkflowDeps, engine: RequestEngine): RotationControls {
  const { store, clock, config } = d;

  async function load(id: string, user: string, who: Who): Promise<{ r: RequestRecord; s: RotationState; p: RotationParams } | Refusal> {
    const r = store.requests.get(id);
    // a revocation has a rotation's params and state (revoke-key/draft.ts): Restore serves it too
    if (!r || (r.kind !== 'rotate-key' && r.kind !== 'revoke-key')) return refuse('not-found', `There is no rotation ${id}.`);
    const allowed = (await d.directory.isApprover(user)) || (who === 'approver-or-requester' && r.requester === user);
    if (!allowed)
      return refuse(
        'not-allowed',
        who === 'approver'
          ? 'Only approvers can do this. Nothing was changed.'
          : 'Only approvers and the person who asked for the rotation can do this. Nothing was changed.',
      );
    return { r, s: stateOf(ROTATION_KINDS, r), p: paramsOf(ROTATION_KINDS, r) };
  }

  const pendingRetirement = (s: RotationState, id: string): Refusal | null => {
    const phase = rotationPhase(s);
    switch (phase) {
      case 'retired':
      case 'dead':
      case 'restored':
        return refuse('already-decided', `The old key of ${id} was already retired at ${formatTime(s.retiredAt ?? 0)}.`);
      case 'cancelled':
        return refuse('already-decided', [`The retirement of ${id} was cancelled by `, { user: s.cancelledBy ?? '' }, '.']);
      case 'starting':
      case 'grace':
      case 'held':
        return s.retireAt ? null : refuse('not-pending', `${id} has no retirement scheduled yet.`);
      default:
        return phase satisfies never;
    }
  };

  return {
    /** Before the Extend grace modal opens: may this person extend, and is there still something to extend? */
    async checkExtend(id: string, user: string): Promise<true | Refusal> {
      const got = await load(id, user, 'approver-or-requester');
      if ('refused' in got) return got;
      return pendingRetirement(got.s, id) ?? true;
    },

    /** Moves retirement later by `byMs`; beyond MAX_GRACE in total it becomes a request that needs approval. */
    async extendGrace(id: string, user: string, byMs: number): Promise<{ retireAt: number; approvalRequest?: string } | Refusal> {
      const got = await load(id, user, 'approver-or-requester');
      if ('refused' in got) return got;
      const blocked = pendingRetirement(got.s, id);
      if (blocked) return blocked;
      const retireAt = (got.s.retireAt as number) + byMs;
      const total = retireAt - (got.s.graceStartedAt as number);
      if (total > config.grace.maxMs) {
        const ext = engine.draft({
          kind: 'extend-grace',
          requester: user,
          reason: `Extend the grace period of ${id} beyond MAX_GRACE (${formatDuration(config.grace.maxMs)})`,
          summary: {
            title: `Extend grace of ${got.r.summary.title}`,
            fields: [
              { label: 'Rotation', value: id },
              { label: 'Old key retires', value: `${formatTime(got.s.retireAt as number)} → ${formatTime(retireAt)}` },
              { label: 'Grace in total', value: formatDuration(total) },
            ],
          },
          params: { rotationId: id, retireAt },
          refs: store.requests.refs(id).filter((x) => x.startsWith('fp:')),
        });
        return { retireAt, approvalRequest: ext.id };
      }
      const now = clock.now();
      store.tx(() => {
        scheduleRetirement(d, id, retireAt);
        store.history.append({
          requestId: id,
          event: 'grace-extended',
          actor: user,
          at: now,
          data: { by: formatDuration(byMs), retireAt: new Date(retireAt).toISOString() },
        });
        engine.notify(id, `extended:${now}`, { type: 'grace-extended', by: user, fingerprint: got.p.fingerprint, retireAt });
      });
      d.kick();
      return { retireAt };
    },

    /** Approvers only: retire now, skipping the in-use hold. */
    async retireNow(id: string, user: string): Promise<true | Refusal> {
      const got = await load(id, user, 'approver');
      if ('refused' in got) return got;
      const blocked = pendingRetirement(got.s, id);
      if (blocked) return blocked;
      const now = clock.now();
      store.tx(() => {
        scheduleRetirement(d, id, now, { force: true, remind: false, by: user });
        store.history.append({ requestId: id, event: 'retire-now', actor: user, at: now });
      });
      d.kick();
      return true;
    },

    /** Approvers or the requester: no retirement; the new key stays and the old one keeps working. */
    async cancel(id: string, user: string): Promise<true | Refusal> {
      const got = await load(id, user, 'approver-or-requester');
      if ('refused' in got) return got;
      const blocked = pendingRetirement(got.s, id);
      if (blocked) return blocked;
      const now = clock.now();
      store.tx(() => {
        store.jobs.cancel(id, 'remind', now);
        store.jobs.cancel(id, 'retire', now);
        store.requests.patchState(id, { cancelledAt: now, cancelledBy: user, round: (got.s.round ?? 0) + 1 } satisfies RotationState, now);
        store.history.append({ requestId: id, event: 'retirement-cancelled', actor: user, at: now });
        store.requests.transition(id, ['running'], 'succeeded', now);
        forgetLater(store, id, now, 0); // nothing more will be done with either key's reference
        engine.notify(id, `cancelled:${now}`, { type: 'retirement-cancelled', by: user, fingerprint: got.p.fingerprint });
      });
      d.kick();
      return true;
    },

    /** Approvers only: undo a retirement made with expire or deactivate. */
    async restore(id: string, user: string): Promise<true | Refusal> {
      const got = await load(id, user, 'approver');
      if ('refused' in got) return got;
      const phase = rotationPhase(got.s);
      if (phase === 'restored')
        return refuse('already-decided', `The old key of ${id} was already restored at ${formatTime(got.s.restoredAt ?? 0)}.`);
      if (!oldKeyRetired(phase) || !got.s.before)
        return refuse('not-pending', `The old key of ${id} has not been retired, so there is nothing to restore.`);
      if (got.s.retiredWith === 'delete') return refuse('not-allowed', `The old key of ${id} was deleted; it cannot be restored.`);
      const windowEnds = (got.s.retiredAt ?? 0) + config.restoreWindowMs;
      if (clock.now() >= windowEnds)
        return refuse(
          'not-allowed',
          `The restore window (RESTORE_WINDOW) of ${id} ended at ${formatTime(windowEnds)}; the bot no longer holds the old key's reference. Restore it in Tyk if you must.`,
        );
      const now = clock.now();
      store.tx(() => store.jobs.enqueue({ requestId: id, step: 'restore', key: `restore:${now}`, dueAt: now, payload: { by: user } }, now));
      d.kick();
      return true;
    },
  };
}

import type { RequestRecord } from '../../store/requests.js';
import type { WorkflowDeps } from '../deps.js';
import { type Refusal, refuse } from '../refusal.js';
import type { RequestEngine } from '../requests.js';
import { reviewOf } from './review.js';

/**
 * `Acknowledge` on a break-glass review: a second approver, never the one who approved their own
 * request, confirms they have seen it. Reminders stop; a late acknowledgement is still recorded.
 */
export async function acknowledgeReview(
  d: WorkflowDeps,
  engine: RequestEngine,
  id: string,
  user: string,
): Promise<RequestRecord | Refusal> {
  const { store, clock } = d;
  const r = store.requests.get(id);
  const review = r ? reviewOf(r) : undefined;
  if (!r || !review) return refuse('not-found', `${id} has no break-glass approval to acknowledge.`);
  if (!(await d.directory.isApprover(user))) return refuse('not-approver', `Only approvers can acknowledge ${id}. Nothing was changed.`);
  if (user === review.by)
    return refuse('self-approval', `You approved ${id} yourself; another approver has to acknowledge it. Nothing was changed.`);
  const now = clock.now();
  const result = store.tx((): RequestRecord | Refusal => {
    // the row was there a moment ago and requests are never deleted while a review is open
    const current = reviewOf(store.requests.get(id) as RequestRecord) ?? review;
    if (current.acknowledgedBy)
      return refuse('already-decided', [{ user: current.acknowledgedBy }, ` already acknowledged ${id}. Nothing was changed.`]);
    store.requests.patchState(id, { breakGlass: { ...current, acknowledgedBy: user, acknowledgedAt: now } }, now);
    store.jobs.cancel(id, 'review-remind', now);
    store.jobs.cancel(id, 'review-lapse', now);
    store.history.append({ requestId: id, event: 'break-glass-acknowledged', actor: user, at: now, data: { approver: review.by } });
    engine.notify(id, 'review-acknowledged', { type: 'break-glass-acknowledged', by: user, approver: review.by });
    return store.requests.get(id) as RequestRecord;
  });
  d.kick();
  return result;
}

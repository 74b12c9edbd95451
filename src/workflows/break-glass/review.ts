import { z } from 'zod';
import type { RequestRecord } from '../../store/requests.js';
import { parseSaved } from '../definition.js';
import type { WorkflowDeps } from '../deps.js';
import type { RequestEngine } from '../requests.js';

/** Kept in `requests.state.breakGlass` of an emergency request its own requester approved (any kind's state). */
const breakGlassReviewSchema = z.object({
  /** the approver who approved their own request */
  by: z.string(),
  /** BREAK_GLASS_REVIEW after the approval */
  dueAt: z.number(),
  acknowledgedBy: z.string().optional(),
  acknowledgedAt: z.number().optional(),
  lapsedAt: z.number().optional(),
});
export type BreakGlassReview = z.infer<typeof breakGlassReviewSchema>;
const withReview = z.object({ breakGlass: breakGlassReviewSchema.optional() });

/** Reminders go out at these fractions of BREAK_GLASS_REVIEW until someone acknowledges. */
const REMIND_AT = [0.25, 0.5, 0.75];

/** The request's break-glass review, if it has one, checked when read (parseSaved). */
export const reviewOf = (r: Pick<RequestRecord, 'id' | 'kind' | 'state'>): BreakGlassReview | undefined =>
  parseSaved(withReview, r, 'state', r.state).breakGlass;

/**
 * In the approving transaction: the review of a break-glass approval. The review message goes to
 * APPROVAL_CHANNEL, reminders follow, and `review-lapse` says so in the channel at BREAK_GLASS_REVIEW.
 */
export function openReview(
  d: Pick<WorkflowDeps, 'store' | 'config'>,
  notify: RequestEngine['notify'],
  id: string,
  by: string,
  now: number,
) {
  const { store, config } = d;
  const dueAt = now + config.breakGlass.reviewMs;
  store.requests.patchState(id, { breakGlass: { by, dueAt } satisfies BreakGlassReview }, now);
  store.history.append({
    requestId: id,
    event: 'break-glass-approved',
    actor: by,
    at: now,
    data: { reviewBy: new Date(dueAt).toISOString() },
  });
  notify(id, 'break-glass-review', { type: 'break-glass-review', approver: by, dueAt, reminder: false });
  for (const [i, f] of REMIND_AT.entries())
    store.jobs.enqueue(
      { requestId: id, step: 'review-remind', key: `review-remind:${i + 1}`, dueAt: now + Math.round(config.breakGlass.reviewMs * f) },
      now,
    );
  store.jobs.enqueue({ requestId: id, step: 'review-lapse', dueAt }, now);
}

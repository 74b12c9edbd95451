import type { StepHandler } from '../definition.js';
import { reviewOf } from './review.js';

/** Steps every emergency request kind runs after a break-glass approval. Both do nothing once acknowledged. */
export const breakGlassSteps: Record<string, StepHandler> = {
  /** `review-remind` (keys `review-remind:<n>`): the review message again, in APPROVAL_CHANNEL. */
  async 'review-remind'(ctx) {
    const review = reviewOf(ctx.request);
    if (!review || review.acknowledgedAt) return;
    ctx.engine.notify(ctx.request.id, `review:${ctx.job.key}`, {
      type: 'break-glass-review',
      approver: review.by,
      dueAt: review.dueAt,
      reminder: true,
    });
    ctx.deps.kick();
  },

  /** `review-lapse`: BREAK_GLASS_REVIEW passed and nobody else acknowledged; the channel is told, once. */
  async 'review-lapse'(ctx) {
    const review = reviewOf(ctx.request);
    if (!review || review.acknowledgedAt || review.lapsedAt) return;
    const { store, clock } = ctx.deps;
    const now = clock.now();
    store.tx(() => {
      store.requests.patchState(ctx.request.id, { breakGlass: { ...review, lapsedAt: now } }, now);
      store.history.append({
        requestId: ctx.request.id,
        event: 'break-glass-unreviewed',
        actor: 'keybot',
        at: now,
        data: { approver: review.by },
      });
      ctx.engine.notify(ctx.request.id, 'review-lapsed', { type: 'break-glass-lapsed', approver: review.by });
    });
    ctx.deps.kick();
  },
};

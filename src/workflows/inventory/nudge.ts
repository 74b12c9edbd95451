import type { StepContext } from '../definition.js';

/** Step `nudge` (keys `nudge:1`, `nudge:2`) of a request keybot drafted itself: reminds its approvers while it still waits. */
export async function nudgeApprovers(ctx: StepContext): Promise<void> {
  const r = ctx.deps.store.requests.get(ctx.request.id);
  if (r?.status !== 'pending') return;
  const { approvers } = ctx.engine.approvalOf(r);
  ctx.engine.notify(r.id, ctx.job.key, { type: 'still-waiting', approvers: [...approvers] });
  ctx.deps.kick();
}

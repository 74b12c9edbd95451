import type { StepContext } from '../definition.js';

const mention = (id: string) => (id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`);

/** Step `nudge` (keys `nudge:1`, `nudge:2`) of a request keybot drafted itself: reminds its approvers while it still waits. */
export async function nudgeApprovers(ctx: StepContext): Promise<void> {
  const r = ctx.deps.store.requests.get(ctx.request.id);
  if (r?.status !== 'pending') return;
  const { approvers } = ctx.engine.approvalOf(r);
  ctx.engine.notify(r.id, ctx.job.key, {
    type: 'progress',
    text: `:bell: ${r.id} (${r.summary.title}) is still waiting for approval by ${approvers.map(mention).join(', ')}.`,
  });
  ctx.deps.kick();
}

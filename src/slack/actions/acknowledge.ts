import { reviewOf } from '../../workflows/break-glass/review.js';
import { isRefusal } from '../../workflows/refusal.js';
import { acknowledgedMessage } from '../blocks/emergency-messages.js';
import type { ListenerDeps } from '../listener-deps.js';
import { onClick } from './click.js';

/** `Acknowledge` on a break-glass review (another approver): reminders stop; the clicked message loses its button. */
export const acknowledgeAction = (deps: ListenerDeps) =>
  onClick(deps, async ({ value, user, tell, args }) => {
    const r = await deps.workflows.breakGlass.acknowledge(value, user);
    if (isRefusal(r)) return void (await tell(r.message));
    const review = reviewOf(r);
    if (review?.acknowledgedBy && review.acknowledgedAt)
      await args.respond({ replace_original: true, ...acknowledgedMessage(r, review.acknowledgedBy, review.by, review.acknowledgedAt) });
  });

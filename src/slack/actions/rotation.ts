import { isRefusal } from '../../workflows/refusal.js';
import { extendGraceModal } from '../blocks/extend-grace-modal.js';
import type { ListenerDeps } from '../listener-deps.js';
import { onClick } from './click.js';

/** `Extend grace`: asks how much longer (the submission does the rest). */
export const extendGraceAction = (deps: ListenerDeps) =>
  onClick(
    deps,
    async ({ value, user, tell, args }) => {
      const ok = await deps.workflows.rotation.checkExtend(value, user);
      if (isRefusal(ok)) return void (await tell(ok.message));
      await args.client.views.open({ trigger_id: args.body.trigger_id, view: extendGraceModal(value) });
    },
    true,
  );

/** `Retire now` (approvers): retire the old key without waiting or holding. */
export const retireNowAction = (deps: ListenerDeps) =>
  onClick(deps, async ({ value, user, tell }) => {
    const r = await deps.workflows.rotation.retireNow(value, user);
    await tell(isRefusal(r) ? r.message : `Retiring the old key of ${value} now; the result follows in the channel.`);
  });

/** `Cancel` on a reminder (approvers or the requester): no retirement; both keys keep working. */
export const cancelRotationAction = (deps: ListenerDeps) =>
  onClick(deps, async ({ value, user, tell }) => {
    const r = await deps.workflows.rotation.cancel(value, user);
    if (isRefusal(r)) await tell(r.message);
  });

/** `Restore` on a retirement result (approvers): the old key works again. */
export const restoreAction = (deps: ListenerDeps) =>
  onClick(deps, async ({ value, user, tell }) => {
    const r = await deps.workflows.rotation.restore(value, user);
    await tell(isRefusal(r) ? r.message : `Restoring the old key of ${value}; the result follows in the channel.`);
  });

import { isRefusal } from '../../workflows/refusal.js';
import { rejectReasonModal } from '../blocks/reject-reason-modal.js';
import type { ListenerDeps } from '../listener-deps.js';
import { onClick } from './click.js';

/** `Reject`: an approver is asked for a reason first; the rejection happens when the modal is submitted. */
export const rejectAction = (deps: ListenerDeps) =>
  onClick(
    deps,
    async ({ value, user, tell, args }) => {
      const checked = await deps.workflows.engine.checkDecider(value, user);
      if (isRefusal(checked)) return void (await tell(checked.message));
      await args.client.views.open({ trigger_id: args.body.trigger_id, view: rejectReasonModal(checked.id, checked.summary.title) });
    },
    true,
  );

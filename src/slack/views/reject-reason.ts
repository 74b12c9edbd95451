import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isRefusal } from '../../workflows/refusal.js';
import { REJECT_BLOCK, REJECT_INPUT } from '../blocks/reject-reason-modal.js';
import type { ListenerDeps } from '../listener-deps.js';

/** Submission of the reject modal: the rejection itself. A refusal is shown inside the modal. */
export const rejectReasonSubmitted =
  (deps: ListenerDeps) =>
  async ({ ack, view, body }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const reason = (view.state.values[REJECT_BLOCK]?.[REJECT_INPUT]?.value ?? '').trim();
    if (reason.length < 3)
      return void (await ack({ response_action: 'errors', errors: { [REJECT_BLOCK]: 'Give a reason of at least 3 characters.' } }));
    const result = await deps.workflows.engine.reject(view.private_metadata, body.user.id, reason);
    if (isRefusal(result)) return void (await ack({ response_action: 'errors', errors: { [REJECT_BLOCK]: result.message } }));
    await ack();
  };

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isRefusal } from '../../workflows/refusal.js';
import { REJECT_BLOCK, REJECT_INPUT } from '../blocks/reject-reason-modal.js';
import type { ListenerDeps } from '../listener-deps.js';
import { answerForm } from './form-answer.js';

/** Submission of the reject modal: the rejection itself. A refusal is shown inside the modal. */
export const rejectReasonSubmitted =
  (deps: ListenerDeps) =>
  async (args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const { view, body } = args;
    await answerForm(deps, args, REJECT_BLOCK, async (form) => {
      const reason = (view.state.values[REJECT_BLOCK]?.[REJECT_INPUT]?.value ?? '').trim();
      if (reason.length < 3) return form.refuse('Give a reason of at least 3 characters.');
      const result = await deps.workflows.engine.reject(view.private_metadata, body.user.id, reason);
      if (isRefusal(result)) return form.refuse(result.message);
      await form.close();
    });
  };

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { parseDuration } from '../../duration.js';
import { isRefusal } from '../../workflows/refusal.js';
import { EXTEND_BLOCK, EXTEND_INPUT } from '../blocks/extend-grace-modal.js';
import type { ListenerDeps } from '../listener-deps.js';
import { answerForm } from './form-answer.js';

/** Extend grace submitted: within MAX_GRACE it moves the retirement; beyond, it asks approvers. */
export const extendGraceSubmitted =
  (deps: ListenerDeps) =>
  async (args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const { view, body, client } = args;
    await answerForm(deps, args, EXTEND_BLOCK, async (form) => {
      const text = (view.state.values[EXTEND_BLOCK]?.[EXTEND_INPUT]?.value ?? '').trim();
      let byMs: number;
      try {
        byMs = parseDuration(text);
      } catch (e) {
        return form.refuse((e as Error).message);
      }
      if (byMs <= 0) return form.refuse('Give a duration longer than 0s.');
      const r = await deps.workflows.rotation.extendGrace(view.private_metadata, body.user.id, byMs);
      if (isRefusal(r)) return form.refuse(r.message);
      await form.close();
      if (r.approvalRequest) {
        await client.chat.postEphemeral({
          channel: deps.config.notifyChannel,
          user: body.user.id,
          text: `That makes the grace period longer than MAX_GRACE, so approvers were asked (${r.approvalRequest}). Until they approve, retirement stays as it was.`,
        });
      }
    });
  };

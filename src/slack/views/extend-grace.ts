import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { parseDuration } from '../../duration.js';
import { isRefusal } from '../../workflows/refusal.js';
import { EXTEND_BLOCK, EXTEND_INPUT } from '../blocks/extend-grace-modal.js';
import type { ListenerDeps } from '../listener-deps.js';

/** Extend grace submitted: within MAX_GRACE it moves the retirement; beyond, it asks approvers. */
export const extendGraceSubmitted =
  (deps: ListenerDeps) =>
  async ({ ack, view, body, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const text = (view.state.values[EXTEND_BLOCK]?.[EXTEND_INPUT]?.value ?? '').trim();
    const error = (message: string) => ack({ response_action: 'errors', errors: { [EXTEND_BLOCK]: message } });
    let byMs: number;
    try {
      byMs = parseDuration(text);
    } catch (e) {
      return void (await error((e as Error).message));
    }
    if (byMs <= 0) return void (await error('Give a duration longer than 0s.'));
    const r = await deps.workflows.rotation.extendGrace(view.private_metadata, body.user.id, byMs);
    if (isRefusal(r)) return void (await error(r.message));
    await ack();
    if (r.approvalRequest) {
      await client.chat.postEphemeral({
        channel: deps.config.notifyChannel,
        user: body.user.id,
        text: `That makes the grace period longer than MAX_GRACE, so approvers were asked (${r.approvalRequest}). Until they approve, retirement stays as it was.`,
      });
    }
  };

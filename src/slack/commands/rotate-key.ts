import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseRotateKey, usage } from '../../../commands/rotate-key.js';
import { isRefusal } from '../../workflows/refusal.js';
import type { ListenerDeps } from '../listener-deps.js';
import { replyOnError } from '../reply-on-error.js';

/** `/rotate-key KEY [--grace 7d] [--reason "…"]`: acks at once, then looks the key up and asks for approval. */
export const rotateKeyCommand = (deps: ListenerDeps) => async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
  await ack();
  const reply = (text: string) => respond({ response_type: 'ephemeral', text });
  await replyOnError(reply, deps.log, async () => {
    const rules = { grace: deps.config.grace, requireReason: deps.config.requireReason };
    const args = parseRotateKey(command.text, rules);
    if (args.help) return void (await reply(usage(rules.grace, rules.requireReason)));
    const r = await deps.workflows.rotation.draft(args, command.user_id);
    if (isRefusal(r)) return void (await reply(r.message));
    await reply(`Requested ${r.id}: ${r.summary.title}. Approvers were asked in <#${deps.config.approvalChannel}>; after approval you get the new key by DM.`);
  });
};

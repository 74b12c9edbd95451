import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Config } from '../../config.js';
import type { RequestRecord } from '../../store/requests.js';
import { isRefusal, type Refusal } from '../../workflows/refusal.js';
import type { Say } from '../../workflows/say.js';
import { sentenceMessage } from '../blocks/kit.js';
import type { ListenerDeps } from '../listener-deps.js';
import { replyOnError } from '../reply-on-error.js';

export interface RequestCommand<A> {
  parse(text: string, config: Config): { help: true } | ({ help: false } & A);
  usage(config: Config): string;
  draft(deps: ListenerDeps, args: A, user: string): Promise<RequestRecord | Refusal>;
  /** what happens after approval, for the requester's ephemeral confirmation */
  after: string;
}

/**
 * A slash command that drafts a request: acks at once (Slack waits 3 s at most), then parses,
 * looks things up in Tyk through the workflow, and answers the requester alone.
 */
export const requestCommand =
  <A>(c: RequestCommand<A>) =>
  (deps: ListenerDeps) =>
  async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const reply = (text: Say) => respond({ response_type: 'ephemeral', ...sentenceMessage(text) });
    await replyOnError(reply, deps, { lane: 'commands', user: command.user_id }, async () => {
      const args = c.parse(command.text, deps.config);
      if (args.help) return void (await reply(c.usage(deps.config)));
      const r = await c.draft(deps, args, command.user_id);
      if (isRefusal(r)) return void (await reply(r.message));
      await reply(`Requested ${r.id}: ${r.summary.title}. Approvers were asked in <#${deps.config.approvalChannel}>; ${c.after}`);
    });
  };

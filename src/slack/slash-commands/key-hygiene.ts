import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseKeyHygiene, usage } from '../../command-args/key-hygiene.js';
import { hygieneDigest } from '../blocks/hygiene-messages.js';
import { sentenceMessage } from '../blocks/kit.js';
import type { ListenerDeps } from '../listener-deps.js';
import { replyOnError } from '../reply-on-error.js';

/** `/key-hygiene`: the digest's report from the last inventory scan, to the person typing only. */
export const keyHygieneCommand =
  (deps: ListenerDeps) =>
  async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const reply = (text: string) => respond({ response_type: 'ephemeral', ...sentenceMessage(text) });
    await replyOnError(reply, deps, { lane: 'commands', user: command.user_id }, async () => {
      if (parseKeyHygiene(command.text).help) return void (await reply(usage));
      await respond({ response_type: 'ephemeral', ...hygieneDigest(deps.workflows.hygiene.report()) });
    });
  };

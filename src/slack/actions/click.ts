import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Log } from '../../log.js';
import type { Say } from '../../workflows/say.js';
import type { Lanes } from '../after-ack.js';
import { sentenceMessage } from '../blocks/kit.js';
import { dmUser } from '../dm.js';
import { replyOnError } from '../reply-on-error.js';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Common shape of every button listener: ack at once, then run `fn` with the button's value and
 * the clicker; `tell` answers the clicker alone (ephemeral), which is how refusals are shown.
 */
export const onClick =
  (
    deps: { log: Log; lanes: Lanes },
    fn: (c: { value: string; user: string; tell: (text: Say) => Promise<unknown>; args: ButtonArgs }) => Promise<void>,
    opensModal = false,
  ) =>
  async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    // Message buttons answer through response_url; App Home and modal buttons have none: a DM then.
    const tell = (text: Say) =>
      args.body.response_url
        ? args.respond({ response_type: 'ephemeral', replace_original: false, ...sentenceMessage(text) })
        : args.body.channel?.id
          ? args.client.chat.postEphemeral({ channel: args.body.channel.id, user: args.body.user.id, ...sentenceMessage(text) })
          : dmUser(args.client, args.body.user.id, text);
    const user = args.body.user.id;
    await replyOnError(tell, deps, { lane: 'clicks', user, inline: opensModal }, () =>
      fn({ value: args.action.value ?? '', user, tell, args }),
    );
  };

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { type Say, sayText } from '../../workflows/say.js';
import { dmUser } from '../dm.js';
import type { ListenerDeps } from '../listener-deps.js';
import { replyOnError } from '../reply-on-error.js';

type FormArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** How a form's listener answers: close it, or keep it open with a message under one of its fields. */
export interface FormAnswer {
  close(): Promise<void>;
  /** a view's error is plain text: people are named by their IDs there */
  refuse(message: Say): Promise<void>;
  /** in the form while it is open, else by DM */
  tell(message: Say): Promise<void>;
}

/**
 * Runs a form submission's work in the listeners' one error wrapper. A failure is shown in the
 * form while it is still open (under `block`), and by DM once it has closed.
 */
export async function answerForm(deps: ListenerDeps, args: FormArgs, block: string, fn: (a: FormAnswer) => Promise<void>): Promise<void> {
  let acked = false;
  const user = args.body.user.id;
  const answer: FormAnswer = {
    async close() {
      acked = true;
      await args.ack();
    },
    async refuse(message) {
      acked = true;
      await args.ack({ response_action: 'errors', errors: { [block]: sayText(message) } });
    },
    tell: (message) => (acked ? dmUser(args.client, user, message) : answer.refuse(message)),
  };
  await replyOnError(answer.tell, deps, { lane: 'clicks', user, inline: true }, () => fn(answer));
}

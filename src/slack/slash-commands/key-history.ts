import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseKeyHistory, usage } from '../../command-args/key-history.js';
import { historyList } from '../blocks/history-list.js';
import { sentenceMessage } from '../blocks/kit.js';
import type { ListenerDeps } from '../listener-deps.js';
import { replyOnError } from '../reply-on-error.js';

/** `/key-history [KEY | @user | REQUEST_ID]`: who asked, who approved, what changed and when (fingerprints only). */
export const keyHistoryCommand =
  (deps: ListenerDeps) =>
  async ({ ack, command, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const reply = (text: string) => respond({ response_type: 'ephemeral', ...sentenceMessage(text) });
    await replyOnError(reply, deps, { lane: 'commands', user: command.user_id }, async () => {
      const q = parseKeyHistory(command.text);
      if (q.kind === 'help') return void (await reply(usage));
      const found = await deps.workflows.history(q, command.user_id);
      const what =
        q.kind === 'key'
          ? `key ${q.value.fingerprint}`
          : q.kind === 'user'
            ? `<@${q.user}>`
            : q.kind === 'request'
              ? q.id
              : q.kind === 'ref'
                ? q.label
                : 'your requests';
      await respond({ response_type: 'ephemeral', ...historyList(found, what) });
    });
  };

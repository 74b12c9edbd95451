import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isHelp } from '../../command-args/args.js';
import { usage } from '../../command-args/import-keys.js';
import { importModal } from '../blocks/import-modal.js';
import { sentenceMessage } from '../blocks/kit.js';
import type { ListenerDeps } from '../listener-deps.js';
import { replyOnError } from '../reply-on-error.js';

/** `/import-keys`: opens the import form (`help` answers with the usage). */
export const importKeysCommand =
  (deps: ListenerDeps) =>
  async ({ ack, command, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const reply = (text: string) => respond({ response_type: 'ephemeral', ...sentenceMessage(text) });
    await replyOnError(reply, deps, { lane: 'commands', user: command.user_id, inline: true }, async () => {
      if (isHelp(command.text)) return void (await reply(usage));
      if (command.text.trim() !== '') return void (await reply(`/import-keys takes no arguments; it opens a form.\n${usage}`));
      await client.views.open({ trigger_id: command.trigger_id, view: importModal(deps.config.tyk.dashboard ? 'dashboard' : 'gateway') });
    });
  };

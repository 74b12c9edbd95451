import type { WebClient } from '@slack/web-api';
import type { Say } from '../workflows/say.js';
import type { Attachment } from './blocks/import-messages.js';
import { type SlackMessage, sentenceMessage } from './blocks/kit.js';

/**
 * A direct message from the bot, for answers that have no response_url (modal submissions): a
 * workflow's sentence (escaped, see kit.ts `sentence`) or a built message, and a file that goes with it.
 */
export async function dmUser(client: WebClient, user: string, m: Say | SlackMessage, attachment?: Attachment | null): Promise<void> {
  const opened = await client.conversations.open({ users: user });
  const channel = opened.channel?.id as string;
  await client.chat.postMessage({
    channel,
    ...(typeof m === 'string' || Array.isArray(m) ? sentenceMessage(m as Say) : (m as SlackMessage)),
  });
  if (attachment)
    await client.filesUploadV2({
      channel_id: channel,
      filename: attachment.filename,
      title: attachment.filename,
      content: attachment.content,
    });
}

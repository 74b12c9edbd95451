import type { WebClient } from '@slack/web-api';

/** A direct message from the bot, for answers that have no response_url (modal submissions). */
export async function dmUser(client: WebClient, user: string, text: string): Promise<void> {
  const opened = await client.conversations.open({ users: user });
  await client.chat.postMessage({
    channel: opened.channel?.id as string,
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }],
  });
}

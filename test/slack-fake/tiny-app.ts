import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import type { SlackFake } from '../harness/slack-fake/index.js';
import { silentLogger } from '../harness/slack-fake/web-client.js';

export const SIGNING_SECRET = 'test-signing-secret';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const button = (text: string, action_id: string, value = 'req_1') => ({ type: 'button' as const, text: plain(text), action_id, value });

/**
 * The smallest real Bolt 5 app that exercises the fake: a command posts a message with buttons,
 * Approve opens a modal, its submission updates the modal, Reject replaces the message through
 * response_url, and App Home publishes a view with a button. Bodies it received are kept.
 */
export async function startTinyApp(
  fake: SlackFake,
): Promise<{ url: string; received: Array<Record<string, any>>; stop: () => Promise<void> }> {
  const received: Array<Record<string, any>> = [];
  const receiver = new HTTPReceiver({
    signingSecret: SIGNING_SECRET,
    logger: silentLogger,
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          res.writeHead(200);
          res.end('ok');
        },
      },
    ],
  });
  const app = new App({
    token: fake.botToken,
    receiver,
    logger: silentLogger,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });

  app.command('/rotate-key', async ({ ack, command, client, respond }) => {
    await ack();
    await client.chat.postMessage({
      channel: command.channel_id,
      text: `Rotation of ${command.text} requested`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `Rotation of *${command.text}* requested by <@${command.user_id}>` } },
        { type: 'actions', block_id: 'req_1', elements: [button('Approve', 'approve'), button('Reject', 'reject')] },
      ],
    });
    await respond({ text: 'Request filed' });
  });
  app.command('/key-history', async ({ ack }) => ack('Usage: /key-history [KEY]'));
  app.action('approve', async ({ ack, body, client }) => {
    await ack();
    received.push(body);
    await client.views.open({
      trigger_id: (body as { trigger_id: string }).trigger_id,
      view: {
        type: 'modal',
        callback_id: 'confirm',
        title: plain('Approve rotation'),
        submit: plain('Approve'),
        blocks: [{ type: 'input', block_id: 'grace', label: plain('Grace'), element: { type: 'plain_text_input', action_id: 'value' } }],
      },
    });
  });
  app.action('reject', async ({ ack, body, respond }) => {
    await ack();
    received.push(body);
    await respond({ replace_original: true, text: 'Rejected' });
  });
  app.view('confirm', async ({ ack, view }) => {
    const grace = view.state.values.grace?.value?.value ?? '';
    await ack({
      response_action: 'update',
      view: { type: 'modal', title: plain('Approved'), blocks: [{ type: 'section', text: plain(`Grace ${grace}`) }] },
    });
  });
  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: [{ type: 'actions', elements: [button('Refresh', 'refresh')] }] },
    });
  });
  app.action('refresh', async ({ ack, body }) => {
    await ack();
    received.push(body);
  });

  // Bolt 5: App#start passes its arguments to HTTPReceiver#start, which resolves with the node http.Server.
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  // Bolt checks its token with auth.test as soon as the App is built; a test shorter than that
  // call would close the fake under it.
  await fake.waitFor(() => fake.calls.some((c) => c.method === 'auth.test'), { what: "Bolt's start-up auth.test" });
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    stop: async () => {
      await app.stop();
    },
  };
}

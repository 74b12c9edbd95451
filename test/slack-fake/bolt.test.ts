import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SlackDriver, slackDriver } from '../harness/slack-driver.js';
import { type SlackFake, type StoredMessage, startSlackFake } from '../harness/slack-fake/index.js';
import { SIGNING_SECRET, startTinyApp } from './tiny-app.js';

let fake: SlackFake;
let app: Awaited<ReturnType<typeof startTinyApp>>;
let slack: SlackDriver;

beforeEach(async () => {
  fake = await startSlackFake({ users: [{ id: 'U0DEV' }, { id: 'U0OPS' }] });
  app = await startTinyApp(fake);
  slack = slackDriver({ appUrl: app.url, signingSecret: SIGNING_SECRET, fake });
});
afterEach(async () => {
  await app.stop();
  await fake.close();
});

const approvalMessage = (): Promise<StoredMessage> =>
  fake.waitFor(() => fake.messages({ channel: 'C0APPROVALS' }).find((m) => m.via === 'chat.postMessage'), { what: 'the approval message' });

describe('a real Bolt app against the Slack fake', () => {
  it('serves custom routes on the port Bolt bound', async () => {
    expect(await (await fetch(`${app.url}/healthz`)).text()).toBe('ok');
  });

  it('runs a signed slash command: the posted message and the response_url reply land in the fake', async () => {
    const res = await slack.command('/rotate-key', 'billing-ci', { user: 'U0DEV', channel: 'C0APPROVALS' });
    expect(res.status).toBe(200);
    expect(res.responseUrl.startsWith(fake.apiUrl.replace(/api\/$/, ''))).toBe(true);
    expect((await approvalMessage()).text).toBe('Rotation of billing-ci requested');
    await fake.waitFor(() => fake.messages({ ephemeralTo: 'U0DEV' }).find((m) => m.text === 'Request filed' && m.via === 'response_url'), {
      what: 'the ephemeral reply',
    });
  });

  it("shows a command's text answer to the user as Slack does", async () => {
    const res = await slack.command('/key-history', '', { user: 'U0DEV' });
    expect(res.body).toBe('Usage: /key-history [KEY]');
    expect(fake.messages({ ephemeralTo: 'U0DEV' })).toMatchObject([{ text: 'Usage: /key-history [KEY]', via: 'ack' }]);
  });

  it("clicks a button by its label with a block_actions payload shaped like Slack's, and opens a modal", async () => {
    await slack.command('/rotate-key', 'billing-ci', { user: 'U0DEV', channel: 'C0APPROVALS' });
    const msg = await approvalMessage();
    const click = await slack.click(msg, 'Approve', { user: 'U0OPS' });
    expect(click.status).toBe(200);
    const opened = await fake.waitFor(() => fake.views('U0OPS').find((v) => v.via === 'views.open'), { what: 'the modal' });
    expect(opened.view).toMatchObject({ type: 'modal', callback_id: 'confirm', title: { text: 'Approve rotation' } });
    expect(app.received[0]).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0OPS', team_id: fake.teamId },
      api_app_id: fake.appId,
      trigger_id: click.triggerId,
      container: { type: 'message', message_ts: msg.ts, channel_id: 'C0APPROVALS', is_ephemeral: false },
      channel: { id: 'C0APPROVALS' },
      message: { ts: msg.ts, blocks: msg.blocks },
      actions: [{ type: 'button', action_id: 'approve', block_id: 'req_1', value: 'req_1', text: { text: 'Approve' } }],
    });
    expect(app.received[0]?.response_url).toEqual(expect.any(String));
    // The app used the trigger once; Slack refuses a second exchange.
    expect(fake.calls.filter((c) => c.method === 'views.open').map((c) => c.ok)).toEqual([true]);
  });

  it('names the labels present when no button has the label', async () => {
    await slack.command('/rotate-key', 'billing-ci', { user: 'U0DEV', channel: 'C0APPROVALS' });
    await expect(slack.click(await approvalMessage(), 'Approve!', { user: 'U0OPS' })).rejects.toThrow(
      'no button labelled "Approve!"; the buttons there are: "Approve", "Reject"',
    );
  });

  it("submits a modal with state values and applies the app's response_action", async () => {
    await slack.command('/rotate-key', 'billing-ci', { user: 'U0DEV', channel: 'C0APPROVALS' });
    await slack.click(await approvalMessage(), 'Approve', { user: 'U0OPS' });
    const modal = await fake.waitFor(() => fake.views('U0OPS')[0], { what: 'the modal' });
    await expect(slack.submitView(modal.view, {}, { user: 'U0OPS' })).rejects.toThrow('required input grace/value is empty');
    await expect(
      slack.submitView(modal.view, { grace: { days: { type: 'plain_text_input', value: '7d' } } }, { user: 'U0OPS' }),
    ).rejects.toThrow('the view has no input grace/days; its inputs are: grace/value');
    const res = await slack.submitView(modal.view, { grace: { value: { type: 'plain_text_input', value: '7d' } } }, { user: 'U0OPS' });
    expect(res.status).toBe(200);
    expect(fake.currentView(modal.id)).toMatchObject({ via: 'views.update', view: { blocks: [{ text: { text: 'Grace 7d' } }] } });
  });

  it('replaces the original message when the app answers a click through response_url', async () => {
    await slack.command('/rotate-key', 'billing-ci', { user: 'U0DEV', channel: 'C0APPROVALS' });
    const msg = await approvalMessage();
    await slack.click(msg, 'Reject', { user: 'U0OPS' });
    const replaced = await fake.waitFor(
      () => fake.message('C0APPROVALS', msg.ts)?.text === 'Rejected' && fake.message('C0APPROVALS', msg.ts),
      { what: 'the replaced message' },
    );
    expect(replaced.history).toEqual([{ text: msg.text, blocks: msg.blocks }]);
    expect(replaced.blocks).toBeUndefined();
  });

  it('delivers app_home_opened and clicks in the published home tab in the view form', async () => {
    expect((await slack.event({ type: 'app_home_opened', user: 'U0DEV', channel: 'D0HOME', tab: 'home' })).status).toBe(200);
    const home = await fake.waitFor(() => fake.views('U0DEV').find((v) => v.via === 'views.publish'), { what: 'the home tab' });
    await slack.click({ view: home.view }, 'Refresh', { user: 'U0DEV' });
    await fake.waitFor(() => app.received.length > 0, { what: 'the click' });
    expect(app.received[0]).toMatchObject({
      type: 'block_actions',
      container: { type: 'view', view_id: home.id },
      view: { id: home.id, type: 'home' },
    });
    expect(app.received[0]).not.toHaveProperty('response_url');
  });
});

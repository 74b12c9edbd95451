import type { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SlackFake, startSlackFake } from '../harness/slack-fake/index.js';
import { webClientFor } from '../harness/slack-fake/web-client.js';

let fake: SlackFake;
let client: webApi.WebClient;

beforeEach(async () => {
  fake = await startSlackFake({ users: [{ id: 'U0DEV', name: 'dev', email: 'Dev@Example.com' }] });
  client = webClientFor(fake);
});
afterEach(() => fake.close());

/** The error body Slack answered, from WebClient's platform error. */
const slackError = async (p: Promise<unknown>): Promise<Record<string, unknown>> =>
  p.then(
    () => {
      throw new Error('expected Slack to refuse the call');
    },
    (e: { data: Record<string, unknown> }) => e.data,
  );

describe('Slack fake Web API', () => {
  it('refuses any bearer token but the bot token with invalid_auth, and a missing one with not_authed', async () => {
    const wrong = webClientFor(fake, { token: 'xoxb-wrong' });
    expect((await slackError(wrong.auth.test())).error).toBe('invalid_auth');
    const res = await fetch(`${fake.apiUrl}auth.test`, { method: 'POST' });
    expect(await res.json()).toEqual({ ok: false, error: 'not_authed' });
    expect(fake.calls.map((c) => [c.method, c.error])).toEqual([
      ['auth.test', 'invalid_auth'],
      ['auth.test', 'not_authed'],
    ]);
  });

  it('answers auth.test with the bot identity and unknown methods with unknown_method', async () => {
    const me = await client.auth.test();
    expect(me).toMatchObject({ ok: true, user_id: fake.botUserId, bot_id: fake.botId, team_id: fake.teamId });
    expect((await slackError(client.apiCall('chat.nonsense'))).error).toBe('unknown_method');
  });

  it('posts, threads, updates and deletes messages, keeping earlier versions', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0APPROVALS', text: 'first', unfurl_links: false });
    const reply = await client.chat.postMessage({ channel: 'C0APPROVALS', text: 'in thread', thread_ts: posted.ts! });
    await client.chat.update({ channel: 'C0APPROVALS', ts: posted.ts!, text: 'second', blocks: [{ type: 'divider' }] });
    expect(fake.messages({ channel: 'C0APPROVALS' }).map((m) => m.text)).toEqual(['second', 'in thread']);
    expect(fake.messages({ thread_ts: posted.ts! })).toHaveLength(1);
    expect(fake.message('C0APPROVALS', posted.ts!)).toMatchObject({ history: [{ text: 'first' }], blocks: [{ type: 'divider' }] });
    await client.chat.delete({ channel: 'C0APPROVALS', ts: reply.ts! });
    expect(fake.messages({ channel: 'C0APPROVALS' })).toHaveLength(1);
  });

  it('answers chat errors as Slack does', async () => {
    expect((await slackError(client.chat.update({ channel: 'C0X1', ts: '1.000001', text: 'x' }))).error).toBe('message_not_found');
    const human = fake.seedMessage({ channel: 'C0X1', user: 'U0DEV', text: 'mine' });
    expect((await slackError(client.chat.update({ channel: 'C0X1', ts: human.ts, text: 'x' }))).error).toBe('cant_update_message');
    expect((await slackError(client.chat.postMessage({ channel: 'C0X1', text: '' }))).error).toBe('no_text');
    expect((await slackError(client.chat.postMessage({ channel: 'C0X1', text: 'x'.repeat(40_001) }))).error).toBe('msg_too_long');
    expect((await slackError(client.chat.postMessage({ channel: 'general', text: 'x' }))).error).toBe('channel_not_found');
    expect((await slackError(client.chat.postMessage({ channel: 'D0NEVEROPENED', text: 'x' }))).error).toBe('channel_not_found');
  });

  it('opens one DM channel per user and files bot messages there', async () => {
    const a = await client.conversations.open({ users: 'U0DEV' });
    const b = await client.conversations.open({ users: 'U0DEV' });
    expect(a.channel?.id).toMatch(/^D/);
    expect(b).toMatchObject({ channel: { id: a.channel?.id }, already_open: true });
    await client.chat.postMessage({ channel: a.channel!.id!, text: 'Reveal your key' });
    await client.chat.postEphemeral({ channel: 'C0X1', user: 'U0DEV', text: 'only you' });
    expect(fake.dms('U0DEV').map((m) => m.text)).toEqual(['Reveal your key']);
    expect(fake.messages({ ephemeralTo: 'U0DEV' })).toMatchObject([{ text: 'only you', via: 'chat.postEphemeral' }]);
  });

  it('files a post to a user ID in the DM with that user, as Slack does', async () => {
    const res = await client.chat.postMessage({ channel: 'U0DEV', text: 'Your new key is ready' });
    expect(res.channel).toMatch(/^D/);
    expect(fake.dms('U0DEV')).toMatchObject([{ channel: res.channel, text: 'Your new key is ready' }]);
  });

  it('stores response_url posts: ephemeral by default, in_channel on request, replacing or deleting the original', async () => {
    const original = await client.chat.postMessage({ channel: 'C0X1', text: 'Approve?' });
    const url = fake.responseUrl({ channel: 'C0X1', user: 'U0DEV', message: { channel: 'C0X1', ts: original.ts! } });
    const send = (body: Record<string, unknown>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await send({ text: 'only for you' });
    await send({ text: 'for everyone', response_type: 'in_channel' });
    await send({ text: 'Approved', replace_original: true });
    expect(fake.messages({ channel: 'C0X1' }).map((m) => [m.text, m.ephemeralTo ?? 'all'])).toEqual([
      ['Approved', 'all'],
      ['only for you', 'U0DEV'],
      ['for everyone', 'all'],
    ]);
    expect((await send({ text: 'x'.repeat(40_001) })).status).toBe(400);
    await send({ delete_original: true });
    expect(fake.message('C0X1', original.ts!)).toBeUndefined();
    expect(fake.calls.filter((c) => c.method === 'response_url').map((c) => c.error ?? 'ok')).toEqual([
      'ok',
      'ok',
      'ok',
      'msg_too_long',
      'ok',
    ]);
  });

  it('looks users up and answers users_not_found, user_not_found and no_such_subteam', async () => {
    fake.addUserGroup('S0APPROVERS', ['U0DEV', 'U0OPS']);
    expect((await client.users.lookupByEmail({ email: 'dev@example.com' })).user?.id).toBe('U0DEV');
    expect((await client.users.info({ user: 'U0DEV' })).user?.profile?.email).toBe('Dev@Example.com');
    expect((await client.usergroups.users.list({ usergroup: 'S0APPROVERS' })).users).toEqual(['U0DEV', 'U0OPS']);
    expect((await slackError(client.users.lookupByEmail({ email: 'nobody@example.com' }))).error).toBe('users_not_found');
    expect((await slackError(client.users.info({ user: 'U0NOBODY' }))).error).toBe('user_not_found');
    expect((await slackError(client.usergroups.users.list({ usergroup: 'S0NONE' }))).error).toBe('no_such_subteam');
  });

  it('records every call with its arguments so tests can scan them for secrets', async () => {
    await client.chat.postMessage({ channel: 'C0X1', text: 'hello', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] });
    expect(fake.calls.at(-1)).toMatchObject({
      method: 'chat.postMessage',
      ok: true,
      status: 200,
      args: { channel: 'C0X1', text: 'hello', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] },
    });
  });

  it('names what it waited for and the last calls when waitFor times out', async () => {
    await client.chat.postMessage({ channel: 'C0X1', text: 'hello' });
    await expect(
      fake.waitFor(() => fake.messages({ channel: 'C0NOPE' })[0], { timeoutMs: 50, what: 'the approval message' }),
    ).rejects.toThrow(/the approval message[\s\S]*chat\.postMessage → ok/);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SlackFake, startSlackFake } from '../harness/slack-fake/index.js';
import { manifestBotScopes } from '../harness/slack-fake/scopes.js';
import { webClientFor } from '../harness/slack-fake/web-client.js';

let fake: SlackFake;
beforeEach(async () => {
  fake = await startSlackFake();
});
afterEach(() => fake.close());

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected Slack to refuse the call');
    },
    (e: { data: Record<string, unknown> }) => e.data,
  );

describe('Slack fake scopes and channel membership', () => {
  it("gives the bot token the manifest's scopes and sends them in x-oauth-scopes", async () => {
    expect(fake.botScopes).toEqual(manifestBotScopes());
    const res = await fetch(`${fake.apiUrl}auth.test`, { method: 'POST', headers: { authorization: `Bearer ${fake.botToken}` } });
    expect(res.headers.get('x-oauth-scopes')?.split(',')).toEqual(manifestBotScopes());
    const me = await webClientFor(fake).auth.test();
    expect(me.response_metadata?.scopes).toEqual(manifestBotScopes());
  });

  it('answers missing_scope with needed and provided when the token lacks the scope', async () => {
    fake.setBotScopes(['commands', 'chat:write']);
    const client = webClientFor(fake);
    expect(await refusal(client.users.info({ user: 'U0NOBODY' }))).toMatchObject({
      error: 'missing_scope',
      needed: 'users:read',
      provided: 'commands,chat:write',
    });
    expect(await refusal(client.conversations.info({ channel: 'G0PRIVATE1' }))).toMatchObject({
      error: 'missing_scope',
      needed: 'groups:read',
    });
    await expect(client.chat.postMessage({ channel: 'C0ANYWHERE', text: 'hi' })).resolves.toMatchObject({ ok: true });
  });

  it('reports is_member, refuses posts where the bot is not, and channel_not_found for a missing channel', async () => {
    const client = webClientFor(fake);
    fake.removeBotFrom('C0OUTSIDE1');
    fake.deleteChannel('C0MISSING1');
    expect((await client.conversations.info({ channel: 'C0INSIDE01' })).channel?.is_member).toBe(true);
    expect((await client.conversations.info({ channel: 'C0OUTSIDE1' })).channel?.is_member).toBe(false);
    expect((await refusal(client.conversations.info({ channel: 'C0MISSING1' }))).error).toBe('channel_not_found');
    expect((await refusal(client.chat.postMessage({ channel: 'C0OUTSIDE1', text: 'hi' }))).error).toBe('not_in_channel');
    fake.inviteBot('C0OUTSIDE1');
    await expect(client.chat.postMessage({ channel: 'C0OUTSIDE1', text: 'hi' })).resolves.toMatchObject({ ok: true });
  });

  it('takes only the app-level token for apps.connections.open, and never the app token elsewhere', async () => {
    expect((await refusal(webClientFor(fake).apps.connections.open())).error).toBe('not_allowed_token_type');
    const app = webClientFor(fake, { token: fake.appToken });
    const opened = await app.apps.connections.open();
    expect(opened.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/);
    expect((await refusal(app.chat.postMessage({ channel: 'C0ANYWHERE', text: 'hi' }))).error).toBe('not_allowed_token_type');
  });
});

import { verifySlackRequest } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackDriver } from '../harness/slack-driver.js';
import { type SlackFake, startSlackFake } from '../harness/slack-fake/index.js';
import { signSlackRequest } from '../harness/slack-sign.js';
import { SIGNING_SECRET, startTinyApp } from './tiny-app.js';

let fake: SlackFake;
let app: Awaited<ReturnType<typeof startTinyApp>>;
beforeEach(async () => {
  fake = await startSlackFake();
  app = await startTinyApp(fake);
});
afterEach(async () => {
  await app.stop();
  await fake.close();
});

const challenge = JSON.stringify({ type: 'url_verification', token: 'deprecated', challenge: 'c-123' });
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('Slack request signing', () => {
  it("reproduces the signature of Slack's documented example", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
      '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
      '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
      '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', body, 1531420618)).toEqual({
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      'x-slack-request-timestamp': '1531420618',
    });
  });

  it("produces headers Bolt's own verifier accepts", () => {
    const ts = nowSeconds();
    const headers = signSlackRequest(SIGNING_SECRET, challenge, ts);
    expect(() =>
      verifySlackRequest({
        signingSecret: SIGNING_SECRET,
        body: challenge,
        headers: { 'x-slack-signature': headers['x-slack-signature'], 'x-slack-request-timestamp': ts },
      }),
    ).not.toThrow();
  });

  it("gets through Bolt's receiver when signed with the right secret", async () => {
    const slack = slackDriver({ appUrl: app.url, signingSecret: SIGNING_SECRET, fake });
    const res = await slack.raw(challenge, {
      'content-type': 'application/json',
      ...signSlackRequest(SIGNING_SECRET, challenge, nowSeconds()),
    });
    expect(res).toEqual({ status: 200, body: JSON.stringify({ challenge: 'c-123' }) });
  });

  it('is refused with 401 when signed with another secret, and nothing reaches Slack', async () => {
    const slack = slackDriver({ appUrl: app.url, signingSecret: 'not-the-secret', fake });
    expect((await slack.command('/rotate-key', 'billing-ci', { user: 'U0DEV' })).status).toBe(401);
    // Bolt checks its token with auth.test when it starts; the refused command itself calls nothing.
    expect(fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('is refused with 401 when the timestamp is more than five minutes old', async () => {
    const slack = slackDriver({ appUrl: app.url, signingSecret: SIGNING_SECRET, fake, nowSeconds: () => nowSeconds() - 301 });
    expect((await slack.command('/rotate-key', 'billing-ci', { user: 'U0DEV' })).status).toBe(401);
  });

  it('is refused with 401 without signature headers', async () => {
    const slack = slackDriver({ appUrl: app.url, signingSecret: SIGNING_SECRET, fake });
    expect((await slack.raw(challenge, { 'content-type': 'application/json' })).status).toBe(401);
  });
});

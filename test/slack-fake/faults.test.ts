import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SlackFake, startSlackFake } from '../harness/slack-fake/index.js';
import { webClientFor } from '../harness/slack-fake/web-client.js';

let fake: SlackFake;
beforeEach(async () => {
  fake = await startSlackFake();
});
afterEach(() => fake.close());

const post = (method: string) =>
  fetch(`${fake.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'channel=C0X1&text=hi',
  });

describe('Slack fake faults', () => {
  it('answers a planned rate limit with 429, Retry-After and ratelimited, then recovers', async () => {
    fake.faults.rateLimit('chat.postMessage', 1, 7);
    const limited = await post('chat.postMessage');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect((await post('chat.postMessage')).status).toBe(200);
    expect(fake.calls.map((c) => [c.status, c.error ?? 'ok'])).toEqual([
      [429, 'ratelimited'],
      [200, 'ok'],
    ]);
    expect(fake.calls[0]?.args).toMatchObject({ channel: 'C0X1', text: 'hi' });
  });

  it('lets WebClient wait out Retry-After and retry the call', async () => {
    fake.faults.rateLimit('chat.postMessage', 1, 1);
    const client = webClientFor(fake, { retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 1 } });
    await expect(client.chat.postMessage({ channel: 'C0X1', text: 'after the wait' })).resolves.toMatchObject({ ok: true });
    const [first, second] = fake.calls;
    expect([first?.status, second?.status]).toEqual([429, 200]);
    // WebClient pauses its queue for Retry-After seconds before the retry; 10 ms allows for timer rounding.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990);
    expect(fake.messages({ channel: 'C0X1' })).toHaveLength(1);
  });

  it("answers a planned failure with an HTML 500 like Slack's edge, which WebClient retries", async () => {
    fake.faults.fail('chat.postMessage', 2);
    const failed = await post('chat.postMessage');
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await failed.text()).toMatch(/^<html>/);
    const retrying = webClientFor(fake, { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 1 } });
    await expect(retrying.chat.postMessage({ channel: 'C0X1', text: 'second try' })).resolves.toMatchObject({ ok: true });
    expect(fake.calls.map((c) => c.status)).toEqual([500, 500, 200]);
  });

  it("gives up with WebClient's HTTP error when retries run out", async () => {
    fake.faults.fail('users.info', 1, 503);
    await expect(webClientFor(fake).users.info({ user: 'U0X' })).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
      statusCode: 503,
    });
  });

  it('draws random faults from a seed, so the same seed fails the same calls', async () => {
    const run = async () => {
      fake.faults.randomFaults({ methods: ['auth.test'], rate429: 0.3, rate500: 0.2, seed: 7 });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i += 1) statuses.push((await post('auth.test')).status);
      fake.faults.reset();
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 429, 500]));
    expect((await post('auth.test')).status).toBe(200);
  });

  it('applies faults to response_url posts too', async () => {
    const url = fake.responseUrl({ channel: 'C0X1', user: 'U0DEV' });
    fake.faults.fail('response_url', 1);
    const send = () =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'done' }) });
    expect((await send()).status).toBe(500);
    expect((await send()).status).toBe(200);
    expect(fake.messages({ ephemeralTo: 'U0DEV' })).toMatchObject([{ text: 'done', via: 'response_url' }]);
  });
});

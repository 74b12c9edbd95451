import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/secret.js';
import { answered, approve, events, hasRevealDm, requested, status, thread } from '../harness/credential-steps.js';
import { type Harness, startHarness } from '../harness/harness.js';
import { ephemeral, revealValue } from '../harness/rotation-steps.js';
import { findLeaks } from '../harness/secret-scan.js';
import { USERS } from '../harness/users.js';

const API = 'oauth-api';
let h: Harness;
afterEach(() => h.close());

/** The client's secret as the Gateway shows it (GET returns it in clear, docs/tyk-api.md §1.6). */
async function currentClient(clientId: string): Promise<{ client_id: string; secret: string }> {
  const res = await fetch(`${h.tyk.url}/tyk/oauth/clients/${API}/${clientId}`, {
    headers: { 'x-tyk-authorization': 'test-gateway-secret' },
  });
  return (await res.json()) as { client_id: string; secret: string };
}

const rotateCalls = () => h.tyk.calls.filter((c) => c.method === 'PUT' && c.path.endsWith('/rotate'));

function seedClient() {
  const client = h.tyk.oauth.addClient(API, { redirect_uri: 'https://billing.example.com/callback', description: 'Billing web app' });
  const tokens = [h.tyk.oauth.issueToken(API, client.client_id), h.tyk.oauth.issueToken(API, client.client_id)];
  return { ...client, tokens };
}

describe('/rotate-secret', () => {
  it("rotates after approval: same client ID, a new secret only in the requester's Reveal modal, issued tokens kept", async () => {
    h = await startHarness();
    const c = seedClient();
    const asker = USERS.approver2; // an approver asking: their own click must not count
    const id = await requested(h, '/rotate-secret', `${API} ${c.client_id} --reason "secret pasted in a ticket"`, asker);
    const approval = JSON.stringify((await h.approvalMessage(id)).blocks);
    for (const shown of [
      c.client_id,
      API,
      'https://billing.example.com/callback',
      'Billing web app',
      fingerprint(c.secret),
      'secret pasted in a ticket',
      'no dual-secret window',
      'keep working',
      ':warning:',
    ])
      expect(approval).toContain(shown);

    await h.driver.click(await h.approvalMessage(id), 'Approve', { user: asker });
    await h.until(() => ephemeral(h, asker).includes('another approver has to decide it'), 'the self-approval refusal');
    await h.driver.click(await h.approvalMessage(id), 'Approve', { user: USERS.outsider });
    await h.until(() => ephemeral(h, USERS.outsider).includes('Only approvers'), 'the outsider refusal');
    await h.settle();
    expect((await currentClient(c.client_id)).secret).toBe(c.secret); // nothing changes without approval
    expect(status(h, id)).toBe('pending');

    await approve(h, id, USERS.approver1);
    await h.until(() => status(h, id) === 'succeeded', 'the rotation');
    const now = await currentClient(c.client_id);
    expect(now.client_id).toBe(c.client_id);
    expect(now.secret).not.toBe(c.secret);
    expect(await revealValue(h, asker)).toBe(now.secret);
    expect(h.tyk.oauth.tokens(API, c.client_id)).toEqual(c.tokens);
    for (const user of [USERS.approver1, USERS.requester, USERS.outsider]) expect(hasRevealDm(h, user)).toBe(false);

    expect(thread(h, id)).toContain(
      `Rotated the OAuth client secret of ${c.client_id} (API ${API}): ${fingerprint(c.secret)} → ${fingerprint(now.secret)}`,
    );
    expect(thread(h, id)).toContain('tokens issued before still work');
    await h.until(() => events(h, id).includes('revealed'), 'the reveal in the history');
    expect(events(h, id)).toEqual(['requested', 'approved', 'started', 'secret-rotated', 'succeeded', 'revealed']);
    expect(rotateCalls()).toHaveLength(1);

    await answered(h, '/key-history', c.client_id, id, USERS.requester);
    await answered(h, '/key-history', `client:${c.client_id}`, 'OAuth client secret', USERS.outsider);
    expect(findLeaks(h, [c.secret, now.secret])).toEqual([]);
  });

  it('--revoke-tokens leaves the client with no tokens, and revokes with the new secret', async () => {
    h = await startHarness();
    const c = seedClient();
    const id = await requested(h, '/rotate-secret', `--revoke-tokens ${API} ${c.client_id}`);
    expect(JSON.stringify((await h.approvalMessage(id)).blocks)).toContain('Every access and refresh token of this client is revoked');
    await approve(h, id);
    await h.until(() => status(h, id) === 'succeeded', 'the rotation');
    expect(h.tyk.oauth.tokens(API, c.client_id)).toEqual([]);
    expect(thread(h, id)).toContain('all 2 tokens it had issued were revoked');
    expect(events(h, id)).toEqual(['requested', 'approved', 'started', 'secret-rotated', 'tokens-revoked', 'succeeded']);
    const fresh = (await currentClient(c.client_id)).secret;
    expect(await revealValue(h, USERS.requester)).toBe(fresh);
    expect(findLeaks(h, [c.secret, fresh])).toEqual([]);
  });

  it('refuses an unknown client and a second rotation of the same client, and answers help, with no second request', async () => {
    h = await startHarness();
    const c = seedClient();
    await answered(h, '/rotate-secret', `${API} no-such-client`, 'has no OAuth client no-such-client for API oauth-api');
    await answered(h, '/rotate-secret', 'help', 'Usage: `/rotate-secret API_ID CLIENT_ID [--revoke-tokens]');
    await answered(h, '/rotate-secret', API, 'Give the API ID and the OAuth client ID');
    const id = await requested(h, '/rotate-secret', `${API} ${c.client_id}`);
    await answered(h, '/rotate-secret', `${API} ${c.client_id}`, `already in progress: ${id}`);
    expect(h.bot.store.requests.byRequester(USERS.requester)).toHaveLength(1);
  });

  it('says that OAuth secrets need TYK_GATEWAY_URL when only a Dashboard is configured', async () => {
    h = await startHarness({ target: 'dashboard' });
    await answered(h, '/rotate-secret', `${API} some-client`, 'needs the Tyk Gateway API');
    expect(ephemeral(h, USERS.requester)).toContain('TYK_GATEWAY_URL');
    expect(h.bot.store.requests.byRequester(USERS.requester)).toHaveLength(0);
  });

  it('a 404 on rotate fails the request with a clear message, at once, and changes nothing', async () => {
    h = await startHarness();
    const c = seedClient();
    const id = await requested(h, '/rotate-secret', `${API} ${c.client_id} --revoke-tokens`);
    h.tyk.faults.failNext(1, { status: 404, match: /\/rotate$/ });
    await approve(h, id);
    await h.until(() => status(h, id) === 'failed', 'the failure');
    expect(thread(h, id)).toContain(
      `:x: ${id} failed: Tyk Gateway could not find it (PUT /tyk/oauth/clients/{apiId}/{clientId}/rotate, HTTP 404)`,
    );
    expect(thread(h, id)).toContain('The client or its API is no longer in the Tyk Gateway. Nothing was changed.');
    expect(rotateCalls()).toHaveLength(1);
    expect((await currentClient(c.client_id)).secret).toBe(c.secret);
    expect(h.tyk.oauth.tokens(API, c.client_id)).toEqual(c.tokens);
    expect(hasRevealDm(h, USERS.requester)).toBe(false);
    expect(events(h, id)).toEqual(['requested', 'approved', 'started', 'failed']);
  });

  it('retries a 500 on rotate only after reading the secret back unchanged, and rotates once', async () => {
    h = await startHarness();
    const c = seedClient();
    const id = await requested(h, '/rotate-secret', `${API} ${c.client_id}`);
    h.tyk.faults.failNext(1, { status: 500, match: /\/rotate$/ });
    await approve(h, id);
    await h.until(
      () => h.bot.store.jobs.get(id, 'execute')?.attempts === 1 && h.bot.store.jobs.get(id, 'execute')?.status === 'pending',
      'the first attempt',
    );
    expect(rotateCalls()).toHaveLength(1); // an unsafe call is never re-sent by the HTTP layer
    expect((await currentClient(c.client_id)).secret).toBe(c.secret);
    h.clock.advance('10m');
    await h.until(() => status(h, id) === 'succeeded', 'the retry');
    expect(rotateCalls().map((x) => x.status)).toEqual([500, 200]);
    expect(await revealValue(h, USERS.requester)).toBe((await currentClient(c.client_id)).secret);
  });

  it('a rotation whose reply was lost is confirmed by reading it back, not rotated again', async () => {
    h = await startHarness();
    const c = seedClient();
    const id = await requested(h, '/rotate-secret', `${API} ${c.client_id}`);
    h.tyk.faults.failAfterNext(1, { status: 502, match: /\/rotate$/ });
    await approve(h, id);
    await h.until(() => status(h, id) === 'succeeded', 'the rotation');
    expect(rotateCalls().map((x) => x.status)).toEqual([502]);
    const now = (await currentClient(c.client_id)).secret;
    expect(now).not.toBe(c.secret);
    expect(await revealValue(h, USERS.requester)).toBe(now);
  });

  it('a 500 that lasts fails the request after the retries, with the secret unchanged', async () => {
    h = await startHarness();
    const c = seedClient();
    const id = await requested(h, '/rotate-secret', `${API} ${c.client_id}`);
    h.tyk.faults.failNext(100, { status: 500, match: /\/rotate$/ });
    await approve(h, id);
    for (let i = 0; i < 12 && status(h, id) !== 'failed'; i++) {
      h.clock.advance('15m');
      await h.settle();
    }
    expect(status(h, id)).toBe('failed');
    expect(thread(h, id)).toContain(
      'Tyk Gateway failed with an internal error (PUT /tyk/oauth/clients/{apiId}/{clientId}/rotate, HTTP 500)',
    );
    expect(thread(h, id)).toContain('The OAuth client secret is unchanged.');
    expect(rotateCalls()).toHaveLength(h.bot.store.jobs.get(id, 'execute')?.maxAttempts ?? 0);
    expect((await currentClient(c.client_id)).secret).toBe(c.secret);
    expect(hasRevealDm(h, USERS.requester)).toBe(false);
  });
});

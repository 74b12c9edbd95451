import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clients } from '../harness/tyk-emulator/http-client.js';
import { startTykEmulator, TEST_ORG, type TykEmulator } from '../harness/tyk-emulator/index.js';

let emu: TykEmulator;
let gw: ReturnType<typeof clients>['gateway'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

beforeEach(async () => {
  emu = await startTykEmulator();
  gw = clients(emu).gateway;
});
afterEach(() => emu.close());

describe('OAuth clients', () => {
  it('creates a client with a generated secret and never echoes api_id', async () => {
    const r = await gw('POST', '/tyk/oauth/clients/create', { body: { api_id: 'oauth-api', redirect_uri: 'https://app.example.com/cb' } });
    const c = r.json as Record<string, string>;
    expect(Object.keys(c)).toEqual(['client_id', 'redirect_uri', 'secret', 'meta_data', 'description']);
    expect(Buffer.from(c['secret']!, 'base64').toString()).toMatch(UUID);
    expect(c['client_id']).toMatch(/^[0-9a-f]{32}$/);
    expect((await gw('GET', `/tyk/oauth/clients/oauth-api/${c['client_id']}`)).json).toEqual(c);
  });

  it('refuses unknown, non-OAuth and policy-less creations with the gateway texts', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ api_id: 'nope' }, 400, "API doesn't exist"],
      [{ api_id: 'orders-api' }, 400, 'API is not OAuth2'],
      [{ policy_id: 'nope' }, 400, "Policy doesn't exist"],
      ['{', 500, 'Unmarshalling failed'],
    ];
    for (const [body, status, message] of cases) {
      const r = await gw('POST', '/tyk/oauth/clients/create', { body });
      expect([r.status, r.json]).toEqual([status, { status: 'error', message }]);
    }
    const missing = await gw('GET', '/tyk/oauth/clients/oauth-api/nobody');
    expect([missing.status, missing.json]).toEqual([404, { status: 'error', message: 'OAuth Client ID not found' }]);
  });

  it('rotates to a new server-made secret, keeps the id and leaves issued tokens alone', async () => {
    const { client_id, secret } = emu.oauth.addClient('oauth-api', { description: 'billing' });
    emu.oauth.issueToken('oauth-api', client_id);
    const r = await gw('PUT', `/tyk/oauth/clients/oauth-api/${client_id}/rotate`);
    const rotated = r.json as { client_id: string; secret: string };
    expect(rotated.client_id).toBe(client_id);
    expect(rotated.secret).not.toBe(secret);
    expect(Buffer.from(rotated.secret, 'base64').toString()).toMatch(UUID);
    expect(((await gw('GET', `/tyk/oauth/clients/oauth-api/${client_id}`)).json as { secret: string }).secret).toBe(rotated.secret);
    expect(emu.oauth.tokens('oauth-api', client_id)).toHaveLength(1);
    expect((await gw('PUT', '/tyk/oauth/clients/nope/x/rotate')).json).toEqual({ status: 'error', message: "API doesn't exist" });
    await expect(gw('PUT', `/tyk/oauth/clients/orders-api/${client_id}/rotate`)).rejects.toThrow(); // nil OAuth manager: dropped connection
  });

  it('lists tokens as a plain array, or paginated with capitalised keys when page is given', async () => {
    const { client_id } = emu.oauth.addClient('oauth-api', {});
    const codes = [emu.oauth.issueToken('oauth-api', client_id), emu.oauth.issueToken('oauth-api', client_id)];
    const plain = (await gw('GET', `/tyk/oauth/clients/oauth-api/${client_id}/tokens`)).json as Array<{ code: string; expires: number }>;
    expect(plain.map((t) => t.code)).toEqual(codes);
    const paged = await gw('GET', `/tyk/oauth/clients/oauth-api/${client_id}/tokens`, { query: { page: '1' } });
    expect(paged.json).toMatchObject({ Pagination: { page_num: 1, page_total: 1, page_size: 100 }, Tokens: plain });
  });

  it('revoke_all needs both fields, ignores a wrong or rotated-away secret, and revokes with the current one', async () => {
    const { client_id, secret } = emu.oauth.addClient('oauth-api', {});
    emu.oauth.issueToken('oauth-api', client_id);
    expect((await gw('POST', '/tyk/oauth/revoke_all', form({ client_id }))).status).toBe(401);
    expect((await gw('POST', '/tyk/oauth/revoke_all', form({ client_id: 'nobody', client_secret: 'x' }))).json).toEqual({
      status: 'error',
      message: "oauth client doesn't exist",
    });
    const wrong = await gw('POST', '/tyk/oauth/revoke_all', form({ client_id, client_secret: 'wrong' }));
    expect([wrong.status, wrong.json]).toEqual([200, { status: 'ok', message: 'tokens revoked successfully' }]);
    expect(emu.oauth.tokens('oauth-api', client_id)).toHaveLength(1);
    const { secret: fresh } = (await gw('PUT', `/tyk/oauth/clients/oauth-api/${client_id}/rotate`)).json as { secret: string };
    await gw('POST', '/tyk/oauth/revoke_all', form({ client_id, client_secret: secret, org_id: TEST_ORG }));
    expect(emu.oauth.tokens('oauth-api', client_id)).toHaveLength(1);
    await gw('POST', '/tyk/oauth/revoke_all', form({ client_id, client_secret: fresh }));
    expect(emu.oauth.tokens('oauth-api', client_id)).toEqual([]);
  });

  it('keeps the secret on update and revokes tokens when an existing policy_id changes', async () => {
    emu.options.policies.push({
      ...emu.options.policies[0]!,
      id: 'oauth-policy',
      access_rights: { 'oauth-api': { api_id: 'oauth-api', api_name: 'Oauth API', versions: ['Default'] } },
    });
    emu.options.policies.push({ ...emu.options.policies.at(-1)!, id: 'oauth-policy-2' });
    const { client_id, secret } = emu.oauth.addClient('oauth-api', { policy_id: 'oauth-policy' });
    emu.oauth.issueToken('oauth-api', client_id);
    const r = await gw('PUT', `/tyk/oauth/clients/oauth-api/${client_id}`, {
      body: { redirect_uri: 'https://new.example.com', policy_id: 'oauth-policy-2' },
    });
    expect(r.json).toMatchObject({ client_id, secret, redirect_uri: 'https://new.example.com', policy_id: 'oauth-policy-2' });
    expect(emu.oauth.tokens('oauth-api', client_id)).toEqual([]);
    const outside = await gw('PUT', `/tyk/oauth/clients/oauth-api/${client_id}`, { body: { policy_id: 'gold-policy' } });
    expect([outside.status, outside.json]).toEqual([
      400,
      { status: 'error', message: "Policy access rights doesn't contain API this OAuth client belongs to" },
    ]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyHash, tykToken } from '../../src/tyk/token.js';
import { call, clients } from '../harness/tyk-emulator/http-client.js';
import { startTykEmulator, TEST_ORG, type TykEmulator } from '../harness/tyk-emulator/index.js';

let emu: TykEmulator;
let gw: ReturnType<typeof clients>['gateway'];
const orders = {
  org_id: TEST_ORG,
  access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } },
};
const create = async (raw: string, body: object = orders) =>
  (await gw('POST', `/tyk/keys/${raw}`, { body })).json as { key: string; key_hash: string };

beforeEach(async () => {
  emu = await startTykEmulator();
  gw = clients(emu).gateway;
});
afterEach(() => emu.close());

describe('gateway transport', () => {
  it('refuses a missing or wrong secret with 403 and accepts the header name in any case', async () => {
    const denied = { status: 'error', message: 'Attempted administrative access with invalid or missing key!' };
    for (const headers of [
      {},
      { 'x-tyk-authorization': 'wrong' },
      { 'x-tyk-authorization': `Bearer ${emu.options.gatewaySecret}` },
    ] as Array<Record<string, string>>) {
      const r = await call(emu.url, 'GET', '/tyk/apis', { headers });
      expect([r.status, r.json]).toEqual([403, denied]);
    }
    expect((await call(emu.url, 'GET', '/tyk/apis', { headers: { 'X-TYK-AUTHORIZATION': emu.options.gatewaySecret } })).status).toBe(200);
  });

  it('answers 405 JSON on a wrong method, plain-text 404 on an unknown path, and ignores a trailing slash', async () => {
    const wrong = await gw('PATCH', '/tyk/keys/some-key');
    expect([wrong.status, wrong.text]).toEqual([405, '{"status":"error","message":"Method not supported"}\n']);
    const unknown = await gw('GET', '/tyk/nothing-here');
    expect([unknown.status, unknown.text, unknown.headers.get('content-type')]).toEqual([
      404,
      '404 page not found\n',
      'text/plain; charset=utf-8',
    ]);
    expect((await gw('GET', '/tyk/keys/')).json).toEqual({ keys: [] });
  });

  it('lists the configured APIs and policies and reloads', async () => {
    const apis = (await gw('GET', '/tyk/apis')).json as Array<{ api_id: string; use_oauth2: boolean }>;
    expect(apis.map((a) => a.api_id)).toEqual(['orders-api', 'invoices-api', 'reports-api', 'payments-api', 'oauth-api']);
    expect(apis.find((a) => a.api_id === 'oauth-api')?.use_oauth2).toBe(true);
    const policies = (await gw('GET', '/tyk/policies')).json as Array<{ id: string }>;
    expect(policies.map((p) => p.id)).toEqual(['gold-policy', 'silver-policy', 'inactive-policy']);
    expect((await gw('GET', '/tyk/reload/group')).text).toBe('{"status":"ok","message":""}\n');
  });
});

describe('GET /tyk/keys/{id}', () => {
  it('returns the policy-merged session without the key id', async () => {
    const { key } = await create('gold-key-1', {
      org_id: TEST_ORG,
      apply_policies: ['gold-policy'],
      tags: ['mine'],
      meta_data: { owner_email: 'a@example.com' },
    });
    const s = (await gw('GET', `/tyk/keys/${key}`)).json as Record<string, unknown>;
    expect(s).toMatchObject({ rate: 100, per: 60, quota_max: 10000, quota_remaining: 10000, tags: ['mine', 'gold'] });
    expect(s['meta_data']).toEqual({ owner_email: 'a@example.com', tier: 'gold' });
    expect(Object.keys(s['access_rights'] as object).sort()).toEqual(['invoices-api', 'orders-api']);
    expect(s).not.toHaveProperty('key_id');
  });

  it('treats any non-empty hashed value as true, and refuses hashed lookups when hashing is off', async () => {
    const { key, key_hash } = await create('hashed-key-1');
    expect((await gw('GET', `/tyk/keys/${key_hash}`, { query: { hashed: 'false' } })).status).toBe(200);
    expect((await gw('GET', `/tyk/keys/${key}`, { query: { hashed: 'false' } })).status).toBe(404);
    emu.options.hashKeys = false;
    const r = await gw('GET', `/tyk/keys/${key_hash}`, { query: { hashed: '1' } });
    expect([r.status, r.json]).toEqual([400, { status: 'error', message: 'Key requested by hash but key hashing is not enabled' }]);
  });

  it('finds a raw custom id only when api_id or org_id names its org', async () => {
    await create('raw-lookup-1');
    const bare = await gw('GET', '/tyk/keys/raw-lookup-1');
    expect([bare.status, bare.json]).toEqual([404, { status: 'error', message: 'Key not found' }]);
    expect((await gw('GET', '/tyk/keys/raw-lookup-1', { query: { api_id: 'orders-api' } })).status).toBe(200);
    expect((await gw('GET', '/tyk/keys/raw-lookup-1', { query: { org_id: TEST_ORG } })).status).toBe(200);
  });

  it('omits zero fields from 5.12 on and sends every field before', async () => {
    const { key } = await create('omitzero-key');
    const current = (await gw('GET', `/tyk/keys/${key}`)).json as Record<string, unknown>;
    expect(current).not.toHaveProperty('is_inactive');
    expect(current).not.toHaveProperty('expires');
    expect(current).not.toHaveProperty('tags');
    emu.options.version = '5.8.6';
    const old = (await gw('GET', `/tyk/keys/${key}`)).json as Record<string, unknown>;
    expect(old).toMatchObject({
      is_inactive: false,
      expires: 0,
      tags: [],
      meta_data: {},
      apply_policies: null,
      basic_auth_data: { password: '', hash_type: '' },
    });
  });
});

describe('DELETE /tyk/keys/{id}', () => {
  it('needs org_id to delete by raw id, answers with the token, and api_id=-1 answers null', async () => {
    await create('delete-me-1');
    const bare = await gw('DELETE', '/tyk/keys/delete-me-1', { query: { api_id: 'orders-api' } });
    expect([bare.status, bare.json]).toEqual([404, { status: 'error', message: 'There is no such key found' }]);
    const ok = await gw('DELETE', '/tyk/keys/delete-me-1', { query: { org_id: TEST_ORG } });
    expect(ok.json).toEqual({ key: tykToken(TEST_ORG, 'delete-me-1', 'murmur64'), status: 'ok', action: 'deleted' }); // the token, never the raw id
    expect(emu.consume('orders-api', 'delete-me-1').status).toBe(403);
    const { key } = await create('delete-me-2');
    const everywhere = await gw('DELETE', `/tyk/keys/${key}`, { query: { api_id: '-1' } });
    expect([everywhere.status, everywhere.text]).toEqual([200, 'null\n']);
    expect(emu.keys()).toHaveLength(0);
  });
});

describe('GET /tyk/keys', () => {
  it('lists hashes when hashing is on, and 404s when hashed listing is disabled', async () => {
    const { key } = await create('listed-key-1');
    expect((await gw('GET', '/tyk/keys')).json).toEqual({ keys: [keyHash(key)] });
    emu.options.enableHashedKeysListing = false;
    const r = await gw('GET', '/tyk/keys');
    expect([r.status, r.json]).toEqual([
      404,
      { status: 'error', message: 'Hashed key listing is disabled in config (enable_hashed_keys_listing)' },
    ]);
  });

  it('lists tokens without hashing and filters by org prefix, base64 tokens included', async () => {
    emu.options.hashKeys = false;
    const json = await create('listed-key-2');
    emu.options.hashKeyFunction = '';
    const legacy = await create('listed-key-3');
    await create('other-org-key', { ...orders, org_id: 'ffffffffffffffffffffffff' });
    const r = (await gw('GET', '/tyk/keys', { query: { filter: TEST_ORG } })).json as { keys: string[] };
    expect(r.keys.sort()).toEqual([json.key, legacy.key].sort());
  });

  it('hashes the filter like a key when hashing is on, so it matches nothing', async () => {
    await create('listed-key-4');
    expect((await gw('GET', '/tyk/keys', { query: { filter: TEST_ORG } })).json).toEqual({ keys: [] });
  });

  it('needs filter with api_id from 5.12 on', async () => {
    await create('listed-key-5');
    expect((await gw('GET', '/tyk/keys', { query: { api_id: 'orders-api' } })).status).toBe(400);
    emu.options.version = '5.11';
    expect(((await gw('GET', '/tyk/keys', { query: { api_id: 'orders-api' } })).json as { keys: string[] }).keys).toHaveLength(1);
    expect(((await gw('GET', '/tyk/keys', { query: { api_id: 'reports-api' } })).json as { keys: string[] }).keys).toHaveLength(0);
  });
});

it('keeps a legacy bare key reachable by its own value', async () => {
  emu.options.hashKeyFunction = '';
  await create('bare-key-1', { ...orders, org_id: '' });
  expect(tykToken('', 'bare-key-1', '')).toBe('bare-key-1');
  expect((await gw('GET', '/tyk/keys/bare-key-1')).status).toBe(200);
});

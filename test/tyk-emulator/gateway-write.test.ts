import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { keyHash, parseToken, tykToken } from '../../src/tyk/token.js';
import { clients } from '../harness/tyk-emulator/http-client.js';
import { startTykEmulator, TEST_ORG, type TykEmulator } from '../harness/tyk-emulator/index.js';

let emu: TykEmulator;
let gw: ReturnType<typeof clients>['gateway'];
const clock = new ManualClock(Date.UTC(2026, 0, 1));
const nowS = () => Math.floor(clock.now() / 1000);
const orders = (extra: Record<string, unknown> = {}) => ({
  org_id: TEST_ORG,
  access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } },
  quota_max: 10,
  quota_renewal_rate: 3600,
  ...extra,
});
const remaining = async (token: string) =>
  ((await gw('GET', `/tyk/keys/${token}`)).json as { quota_remaining?: number }).quota_remaining ?? 0;

beforeEach(async () => {
  clock.set(Date.UTC(2026, 0, 1));
  emu = await startTykEmulator({ clock });
  gw = clients(emu).gateway;
});
afterEach(() => emu.close());

describe('POST /tyk/keys/{id}', () => {
  it('imports a custom value as an org-qualified token with its murmur64 key_hash', async () => {
    const r = await gw('POST', '/tyk/keys/legacy-key-0001', { body: orders() });
    const token = tykToken(TEST_ORG, 'legacy-key-0001', 'murmur64');
    expect(r.status).toBe(200);
    expect(r.text).toBe(`${JSON.stringify({ key: token, status: 'ok', action: 'added', key_hash: keyHash(token) })}\n`);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(emu.consume('orders-api', 'legacy-key-0001').status).toBe(200);
  });

  it('concatenates org and id in legacy format and leaves key_hash out when hashing is off', async () => {
    emu.options.hashKeyFunction = '';
    emu.options.hashKeys = false;
    const r = await gw('POST', '/tyk/keys/customKey', { body: orders() });
    expect(r.json).toEqual({ key: `${TEST_ORG}customKey`, status: 'ok', action: 'added' });
    expect(emu.consume('orders-api', 'customKey').status).toBe(200);
  });

  it('overwrites an existing key silently and resets its quota unless suppress_reset is exactly 1', async () => {
    const { json } = await gw('POST', '/tyk/keys/quota-key-1', { body: orders() });
    const token = (json as { key: string }).key;
    for (let i = 0; i < 3; i++) emu.consume('orders-api', 'quota-key-1');
    expect(await remaining(token)).toBe(7);
    expect((await gw('POST', '/tyk/keys/quota-key-1', { body: orders(), query: { suppress_reset: '1' } })).json).toMatchObject({
      action: 'added',
    });
    expect(await remaining(token)).toBe(7);
    await gw('POST', '/tyk/keys/quota-key-1', { body: orders(), query: { suppress_reset: 'true' } });
    expect(await remaining(token)).toBe(10);
    expect(emu.keys()).toHaveLength(1);
  });

  it('stores a past expiry as never on a new key and as the previous value on an existing one', async () => {
    await gw('POST', '/tyk/keys/expiring-key', { body: orders({ expires: nowS() - 60 }) });
    expect(emu.findByRaw('expiring-key')?.session['expires']).toBe(0);
    await gw('POST', '/tyk/keys/expiring-key', { body: orders({ expires: nowS() + 600 }) });
    await gw('POST', '/tyk/keys/expiring-key', { body: orders({ expires: nowS() - 60 }) });
    expect(emu.findByRaw('expiring-key')?.session['expires']).toBe(nowS() + 600);
  });

  it('refuses ids shorter than min_token_length on 5.14 only; older gateways store keys nobody can use', async () => {
    const short = await gw('POST', '/tyk/keys/ab', { body: orders() });
    expect(short.status).toBe(400);
    expect((short.json as { message: string }).message).toMatch(/^custom key ID length 2 is less than min_token_length \(3\)/);
    expect((await gw('POST', '/tyk/keys/abc', { body: orders() })).status).toBe(200);
    expect(emu.consume('orders-api', 'abc').status).toBe(200);
    emu.options.version = '5.12';
    expect((await gw('POST', '/tyk/keys/xyz', { body: orders() })).status).toBe(200);
    expect(emu.consume('orders-api', 'xyz')).toEqual({ status: 403, body: { error: 'Access to this API has been disallowed' } });
  });

  it('answers 500 with one text for no access rights and for an unknown policy, and accepts policy-only grants', async () => {
    const refusal = { status: 'error', message: 'Failed to create key, ensure security settings are correct.' };
    const empty = await gw('POST', '/tyk/keys/no-rights-key', { body: { org_id: TEST_ORG } });
    expect([empty.status, empty.json]).toEqual([500, refusal]);
    const unknown = await gw('POST', '/tyk/keys/bad-policy-key', { body: { org_id: TEST_ORG, apply_policies: ['nope'] } });
    expect([unknown.status, unknown.json]).toEqual([500, refusal]);
    expect((await gw('POST', '/tyk/keys/policy-key', { body: { org_id: TEST_ORG, apply_policies: ['gold-policy'] } })).status).toBe(200);
    expect(emu.consume('invoices-api', 'policy-key').status).toBe(200);
  });

  it('answers 400 Request malformed for bad JSON and for wrongly typed fields', async () => {
    for (const body of ['{nope', { ...orders(), rate: 'fast' }, { ...orders(), expires: 1.5 }]) {
      const r = await gw('POST', '/tyk/keys/malformed-key', { body });
      expect([r.status, r.json]).toEqual([400, { status: 'error', message: 'Request malformed' }]);
    }
  });

  it('generates a 32-hex id for POST /tyk/keys', async () => {
    const r = await gw('POST', '/tyk/keys', { body: orders() });
    expect(parseToken((r.json as { key: string }).key)).toEqual({
      orgId: TEST_ORG,
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      fn: 'murmur64',
    });
  });

  it('words POST /tyk/keys/create errors its own way', async () => {
    expect((await gw('POST', '/tyk/keys/create', { body: '{' })).json).toEqual({ status: 'error', message: 'Unmarshalling failed' });
    const none = await gw('POST', '/tyk/keys/create', { body: { org_id: TEST_ORG } });
    expect([none.status, none.json]).toEqual([
      400,
      { status: 'error', message: 'Failed to create key, keys must have at least one Access Rights record set.' },
    ]);
    const ok = await gw('POST', '/tyk/keys/create', { body: orders() });
    expect(ok.json).toMatchObject({ status: 'ok', action: 'added', key_hash: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });
});

describe('PUT /tyk/keys/{id}', () => {
  it('finds a raw id through the body org_id only, and replaces the whole session', async () => {
    await gw('POST', '/tyk/keys/put-key-01', { body: orders({ alias: 'first' }) });
    const orphan = await gw('PUT', '/tyk/keys/put-key-01', { body: { ...orders(), org_id: '' } });
    expect([orphan.status, orphan.json]).toEqual([404, { status: 'error', message: 'Key is not found' }]);
    const r = await gw('PUT', '/tyk/keys/put-key-01', { body: orders() });
    expect(r.json).toEqual({ key: tykToken(TEST_ORG, 'put-key-01', 'murmur64'), status: 'ok', action: 'modified' });
    expect(emu.findByRaw('put-key-01')?.session['alias']).toBeUndefined();
  });

  it('keeps date_created, ignores a past expiry, and expires the key when given a near-future one', async () => {
    const token = ((await gw('POST', '/tyk/keys/retire-key', { body: orders() })).json as { key: string }).key;
    const created = emu.findByRaw('retire-key')?.session['date_created'];
    clock.advance('1h');
    await gw('PUT', `/tyk/keys/${token}`, { body: orders({ expires: nowS() - 10 }) });
    expect(emu.findByRaw('retire-key')?.session).toMatchObject({ date_created: created, expires: 0 });
    await gw('PUT', `/tyk/keys/${token}`, { body: orders({ expires: nowS() + 5 }) });
    expect(emu.consume('orders-api', 'retire-key').status).toBe(200);
    clock.advance('10s');
    expect(emu.consume('orders-api', 'retire-key')).toEqual({ status: 401, body: { error: 'Key has expired, please renew' } });
  });

  it('keeps quota counters with suppress_reset=1 and restarts them otherwise', async () => {
    const token = ((await gw('POST', '/tyk/keys/put-quota', { body: orders() })).json as { key: string }).key;
    emu.consume('orders-api', 'put-quota');
    await gw('PUT', `/tyk/keys/${token}`, { body: orders(), query: { suppress_reset: '1' } });
    expect(await remaining(token)).toBe(9);
    await gw('PUT', `/tyk/keys/${token}`, { body: orders() });
    expect(await remaining(token)).toBe(10);
  });

  it('echoes the hash when called with hashed, and refuses a session left without access rights', async () => {
    const { key_hash: hash } = (await gw('POST', '/tyk/keys/hash-put', { body: orders() })).json as { key_hash: string };
    expect((await gw('PUT', `/tyk/keys/${hash}`, { body: orders(), query: { hashed: '1' } })).json).toEqual({
      key: hash,
      status: 'ok',
      action: 'modified',
    });
    const bare = await gw('PUT', `/tyk/keys/${hash}`, { body: { org_id: TEST_ORG }, query: { hashed: '1' } });
    expect([bare.status, bare.json]).toEqual([
      500,
      { status: 'error', message: 'Failed to create key, ensure security settings are correct.' },
    ]);
  });
});

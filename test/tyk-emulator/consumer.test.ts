import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { call, clients } from '../harness/tyk-emulator/http-client.js';
import { type GatewayVersion, startTykEmulator, TEST_ORG, type TykEmulator } from '../harness/tyk-emulator/index.js';

let emu: TykEmulator;
const clock = new ManualClock();
const orders = { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } };
const DISALLOWED = { status: 403, body: { error: 'Access to this API has been disallowed' } };

beforeEach(async () => {
  clock.set(Date.UTC(2026, 0, 1));
  emu = await startTykEmulator({ clock });
});
afterEach(() => emu.close());

describe('consumer endpoint', () => {
  it('answers over HTTP with Tyk error template bodies and strips Bearer in any case', async () => {
    emu.seedKey({ raw: 'http-consumer-key', session: { access_rights: orders } });
    const missing = await call(emu.url, 'GET', '/consumer/orders-api/anything');
    expect([missing.status, missing.text]).toEqual([401, '{\n    "error": "Authorization field missing"\n}']);
    const ok = await call(emu.url, 'GET', '/consumer/orders-api/anything', { headers: { authorization: 'bEaReR http-consumer-key' } });
    expect([ok.status, ok.json]).toEqual([200, { ok: true, api_id: 'orders-api' }]);
  });

  it('finds the key by raw value or by token, never by hash, with or without hashing', async () => {
    const seeded = emu.seedKey({ raw: 'lookup-consumer', session: { access_rights: orders } });
    expect(emu.consume('orders-api', seeded.token).status).toBe(200);
    expect(emu.consume('orders-api', seeded.keyHash)).toEqual(DISALLOWED);
    emu.options.hashKeys = false;
    emu.seedKey({ raw: 'plain-consumer', session: { access_rights: orders } });
    expect(emu.consume('orders-api', 'plain-consumer').status).toBe(200);
  });

  it('refuses unknown and too-short keys, the off-by-one gate before 5.14 included', () => {
    emu.seedKey({ raw: 'abc', session: { access_rights: orders } });
    expect(emu.consume('orders-api', 'no-such-key')).toEqual(DISALLOWED);
    expect(emu.consume('orders-api', 'abc').status).toBe(200);
    emu.options.version = '5.12';
    expect(emu.consume('orders-api', 'abc')).toEqual(DISALLOWED);
  });

  it('refuses APIs the key has no grant for, and lets an empty ACL into every API of its own org only', () => {
    emu.seedKey({ raw: 'orders-only', session: { access_rights: orders } });
    expect(emu.consume('reports-api', 'orders-only')).toEqual(DISALLOWED);
    emu.seedKey({ raw: 'master-key', session: {} });
    expect(emu.consume('reports-api', 'master-key').status).toBe(200);
    const foreign = emu.seedKey({ raw: 'foreign-master', orgId: 'ffffffffffffffffffffffff', session: {} });
    expect(emu.consume('reports-api', foreign.token)).toEqual(DISALLOWED);
  });

  it('expires keys with 401 once the clock passes expires', () => {
    emu.seedKey({ raw: 'expiring', session: { access_rights: orders, expires: Math.floor(clock.now() / 1000) + 60 } });
    expect(emu.consume('orders-api', 'expiring').status).toBe(200);
    clock.advance('2m');
    expect(emu.consume('orders-api', 'expiring')).toEqual({ status: 401, body: { error: 'Key has expired, please renew' } });
  });

  it('enforces the quota per window and the rate per period', () => {
    emu.seedKey({ raw: 'quota-consumer', session: { access_rights: orders, quota_max: 2, quota_renewal_rate: 60 } });
    expect([1, 2, 3].map(() => emu.consume('orders-api', 'quota-consumer').status)).toEqual([200, 200, 403]);
    expect(emu.consume('orders-api', 'quota-consumer').body).toEqual({ error: 'Quota exceeded' });
    clock.advance('61s');
    expect(emu.consume('orders-api', 'quota-consumer').status).toBe(200);

    emu.seedKey({ raw: 'rate-consumer', session: { access_rights: orders, rate: 2, per: 10 } });
    expect([1, 2, 3].map(() => emu.consume('orders-api', 'rate-consumer').status)).toEqual([200, 200, 429]);
    expect(emu.consume('orders-api', 'rate-consumer').body).toEqual({ error: 'Rate Limit Exceeded' });
    clock.advance('11s');
    expect(emu.consume('orders-api', 'rate-consumer').status).toBe(200);
  });
});

describe('is_inactive by gateway version (docs/tyk-api.md §1.5)', () => {
  const cases: Array<[GatewayVersion, number, number, number]> = [
    // version, flag without policies, flag with an active policy, inactive policy
    ['5.3', 403, 403, 403],
    ['5.8.6', 403, 403, 403],
    ['5.8.8', 200, 200, 403],
    ['5.10.1', 200, 200, 403],
    ['5.11', 403, 200, 403],
    ['5.12', 403, 200, 403],
    ['5.14', 403, 200, 403],
  ];
  it.each(cases)(
    'on %s: key flag alone %i, flag with active policy %i, inactive policy %i',
    async (version, alone, withPolicy, policyOff) => {
      emu.options.version = version;
      const gw = clients(emu).gateway;
      for (const [raw, body] of [
        ['flag-alone', { org_id: TEST_ORG, access_rights: orders, is_inactive: true }],
        ['flag-policy', { org_id: TEST_ORG, apply_policies: ['silver-policy'], is_inactive: true }],
        ['policy-off', { org_id: TEST_ORG, apply_policies: ['inactive-policy'] }],
      ] as const) {
        expect((await gw('POST', `/tyk/keys/${raw}`, { body })).status).toBe(200);
      }
      const statuses = ['flag-alone', 'flag-policy', 'policy-off'].map((raw) => emu.consume('orders-api', raw).status);
      expect(statuses).toEqual([alone, withPolicy, policyOff]);
      if (alone === 403) expect(emu.consume('orders-api', 'flag-alone').body).toEqual({ error: 'Key is inactive, please renew' });
      const view = (await gw('GET', '/tyk/keys/flag-policy', { query: { org_id: TEST_ORG } })).json as { is_inactive?: boolean };
      expect(view.is_inactive === true).toBe(withPolicy === 403);
    },
  );
});

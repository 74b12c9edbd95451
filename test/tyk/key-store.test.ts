import { describe, expect, it } from 'vitest';
import { Secret } from '../../src/secret.js';
import { createKeyStore } from '../../src/tyk/key-store.js';
import { Session } from '../../src/tyk/session.js';
import { TEST_ORG } from '../harness/tyk-emulator/index.js';
import { emulatorPerTest } from '../tyk-contract/clients.js';

/** A listing (a Set) as an array for the matchers; undefined when listing is disabled. */
const listedArray = (s: Set<string> | null) => (s ? [...s] : undefined);

/** A session without org: the store fills in its own. */
const orders = () =>
  Session.parse({
    access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } },
    alias: 'store',
  });

const t = emulatorPerTest();

describe('KeyStore', () => {
  it('prefers the Dashboard when both are configured, and offers key analytics only there', () => {
    const both = createKeyStore({ dashboard: t.c.dashboard, gateway: t.c.gateway, orgId: TEST_ORG });
    expect(both.kind).toBe('dashboard');
    expect(both.activity).toBeTypeOf('function');
    const gw = createKeyStore({ gateway: t.c.gateway, orgId: TEST_ORG });
    expect(gw.kind).toBe('gateway');
    expect(gw.activity).toBeUndefined();
  });

  it('refuses to start without a Dashboard or Gateway', () => {
    expect(() => createKeyStore({ orgId: TEST_ORG })).toThrow(expect.objectContaining({ code: 'NOT_CONFIGURED' }));
  });

  for (const kind of ['dashboard', 'gateway'] as const) {
    it(`through the ${kind}: imports into the store's org, reads null for a missing key, deletes once`, async () => {
      const store = createKeyStore(
        kind === 'dashboard' ? { dashboard: t.c.dashboard, orgId: TEST_ORG } : { gateway: t.c.gateway, orgId: TEST_ORG },
      );
      const raw = new Secret(`store-${kind}-0001`);
      expect(await store.get({ raw })).toBeNull();
      const created = await store.createCustom(raw, orders());
      expect(t.emu.consume('orders-api', raw.reveal()).status).toBe(200);
      expect((await store.get({ raw }))?.org_id).toBe(TEST_ORG);
      await store.update({ token: created.token }, Session.parse({ ...orders(), alias: 'changed' }));
      expect((await store.get({ token: created.token }))?.alias).toBe('changed');
      expect(listedArray(await store.list())).toContain(created.keyHash);
      expect((await store.listApis()).map((a) => a.id)).toContain('orders-api');
      expect(await store.listPolicyIds()).toContain('gold-policy');
      expect(await store.delete({ raw })).toBe(true);
      expect(await store.delete({ raw })).toBe(false);
    });
  }
});

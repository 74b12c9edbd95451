import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../src/secret.js';
import type { TykError } from '../../src/tyk/errors.js';
import { cleanSession, sessionsEquivalent } from '../../src/tyk/session.js';
import { keyHash, tykToken } from '../../src/tyk/token.js';
import type { ContractTarget } from '../harness/contract-target.js';
import { type ContractContext, consume, contractContext, goldSession, nowSeconds, ordersSession } from './fixtures.js';
import { defineQuotaContract } from './quota-contract.js';
import { defineDeactivationCases, defineRetireContract, type RetireContractOptions } from './retire-contract.js';
import { defineRouteContract } from './route-contract.js';
import { defineSecrecyContract } from './secrecy-contract.js';
import { defineSessionCacheContract } from './session-cache-contract.js';

/** A listing (a Set) as an array for the matchers; undefined when listing is disabled. */
const listedArray = (s: Set<string> | null) => (s ? [...s] : undefined);

export type KeyContractOptions = RetireContractOptions;

const rejected = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as TykError,
  );

/**
 * What the bot relies on from a Tyk Gateway's key API (docs/tyk-api.md §1.2–1.5), through
 * GatewayClient. Runs unchanged against the emulator and a real gateway.
 */
export function defineKeyContract(makeTarget: () => Promise<ContractTarget>, opts: KeyContractOptions = {}): void {
  const ctx = useTarget(makeTarget);
  let c: ContractContext;
  beforeAll(() => {
    c = ctx();
  });

  describe('import', () => {
    it('imports a custom key that consumers call with its raw value, with or without Bearer', async () => {
      const { target: t, gateway } = c;
      const raw = c.newRaw('import');
      const created = await gateway.createCustomKey(raw, ordersSession(t));
      c.remember(created.token);
      expect(created.token.reveal()).toBe(tykToken(t.orgId, raw.reveal(), t.hashKeyFunction));
      expect(created.keyHash).toBe(t.hashKeys ? keyHash(created.token.reveal()) : undefined);
      expect((await t.consumer(t.apiIds.orders, raw.reveal())).status).toBe(200);
      expect((await t.consumer(t.apiIds.orders, `Bearer ${raw.reveal()}`)).status).toBe(200);
      expect((await t.consumer(t.apiIds.invoices, raw.reveal())).status).toBe(403);
      expect((await t.consumer(t.apiIds.orders, undefined)).status).toBe(401);
    });

    it('finds a key by token, by raw value with its org, by hash only when hashing, and not by bare raw value', async () => {
      const { target: t, gateway } = c;
      const raw = c.newRaw('lookup');
      const created = await gateway.createCustomKey(raw, ordersSession(t, { alias: 'lookup' }));
      c.remember(created.token);
      expect((await gateway.getKey({ token: created.token })).alias).toBe('lookup');
      expect((await gateway.getKey({ raw, apiId: t.apiIds.orders })).alias).toBe('lookup');
      expect((await gateway.getKey({ raw, orgId: t.orgId })).alias).toBe('lookup');
      expect((await rejected(gateway.getKey({ raw })))?.kind).toBe('not_found');
      if (t.hashKeys) expect((await gateway.getKey({ hash: created.keyHash ?? '' })).alias).toBe('lookup');
      else expect((await rejected(gateway.getKey({ hash: keyHash(created.token.reveal()) })))?.kind).toBe('bad_request');
    });

    // How the bot detects it: after an import it reads the key back by raw value with one of the key's
    // APIs (GET ?api_id=); Tyk derives the token from that API's org, so a key stored under another org
    // is not found although the create said "added" — the import reports an org mismatch.
    it('cannot find a key of another org by raw value with the API, which is how an org mismatch shows', async () => {
      const { target: t, gateway } = c;
      const raw = c.newRaw('wrong-org');
      const created = await gateway.createCustomKey(raw, ordersSession(t, { org_id: 'ffffffffffffffffffffffff' }));
      c.remember(created.token);
      expect((await rejected(gateway.getKey({ raw, apiId: t.apiIds.orders })))?.kind).toBe('not_found');
      expect((await gateway.getKey({ token: created.token })).org_id).toBe('ffffffffffffffffffffffff');
      expect((await t.consumer(t.apiIds.orders, raw.reveal())).status).toBe(403);
      await gateway.deleteKey({ token: created.token });
    });

    it('stores an expires already in the past as never', async () => {
      const { target: t, gateway } = c;
      const raw = c.newRaw('expired');
      const created = await gateway.createCustomKey(raw, ordersSession(t, { expires: nowSeconds(t) - 3600 }));
      c.remember(created.token);
      expect((await gateway.getKey({ token: created.token })).expires).toBe(0);
      expect((await t.consumer(t.apiIds.orders, raw.reveal())).status).toBe(200);
    });

    it('overwrites an existing key on POST without a word, so existence must be checked first', async () => {
      const { target: t, gateway } = c;
      const raw = c.newRaw('overwrite');
      const first = await gateway.createCustomKey(raw, ordersSession(t, { alias: 'first' }));
      c.remember(first.token);
      await consume(t, t.apiIds.orders, raw, 3);
      // the existence check the bot makes before importing
      expect((await gateway.getKey({ raw, apiId: t.apiIds.orders })).alias).toBe('first');
      const again = await gateway.createCustomKey(raw, ordersSession(t, { alias: 'second' }), { suppressReset: true });
      expect(again.token.reveal()).toBe(first.token.reveal());
      expect((await gateway.getKey({ token: first.token })).alias).toBe('second');
      // Counters are read through one more call each time: with no counter a gateway reports the
      // stored quota_remaining, which says nothing about a reset.
      await consume(t, t.apiIds.orders, raw, 1);
      expect((await gateway.getKey({ token: first.token })).quota_remaining).toBe(996);
      await gateway.createCustomKey(raw, ordersSession(t, { alias: 'third' }));
      await consume(t, t.apiIds.orders, raw, 1);
      expect((await gateway.getKey({ token: first.token })).quota_remaining).toBe(999);
    });
  });

  describe('rotation copy', () => {
    for (const [kind, make] of [
      ['own access rights', ordersSession],
      ['a policy', goldSession],
    ] as const) {
      it(`copies a key with ${kind} to a new key: same grants, and the old key's quota counter untouched`, async () => {
        const { target: t, gateway } = c;
        const raw = c.newRaw('rotate-old');
        const old = await gateway.createCustomKey(raw, make(t));
        c.remember(old.token);
        await consume(t, t.apiIds.orders, raw, 2);
        const before = await gateway.getKey({ token: old.token });
        const fresh = await gateway.createKey(cleanSession(before), { suppressReset: true });
        c.remember(fresh.token);
        const copy = await gateway.getKey({ token: fresh.token });
        expect(sessionsEquivalent(before, copy)).toEqual([]);
        expect((await gateway.getKey({ token: old.token })).quota_remaining).toBe(before.quota_remaining);
        expect(before.quota_remaining).toBe(before.quota_max - 2);
        expect((await t.consumer(t.apiIds.orders, fresh.token.reveal())).status).toBe(200);
      });
    }
  });

  describe('listing', () => {
    it('lists key hashes when hashing (unless listing is disabled) and tokens otherwise', async () => {
      const { target: t, gateway } = c;
      const raw = c.newRaw('listed');
      const created = await gateway.createCustomKey(raw, ordersSession(t));
      c.remember(created.token);
      const listed = listedArray(await gateway.listKeys());
      if (t.hashKeys) {
        if (listed !== undefined) expect(listed).toContain(created.keyHash);
        // a hashed listing drops the filter and returns every hash, on every version
        const filtered = listedArray(await gateway.listKeys({ filter: 'no-such-prefix' }));
        if (filtered !== undefined) expect(filtered).toContain(created.keyHash);
      } else {
        expect(listed).toContain(created.token.reveal());
        expect(listedArray(await gateway.listKeys({ filter: t.orgId }))).toContain(created.token.reveal());
      }
    });
  });

  defineRetireContract(ctx, opts);
  defineRouteContract(ctx);
  defineQuotaContract(ctx);
  defineSessionCacheContract(ctx);
  defineSecrecyContract(ctx, () => new Secret('wrong-secret'));
}

/** Only the `is_inactive` cases, for running over several gateway versions. */
export function defineDeactivationContract(
  makeTarget: () => Promise<ContractTarget>,
  expected: NonNullable<KeyContractOptions['deactivation']>,
): void {
  defineDeactivationCases(useTarget(makeTarget), expected);
}

/** One target per enclosing describe block, closed after its tests. */
function useTarget(makeTarget: () => Promise<ContractTarget>): () => ContractContext {
  let c: ContractContext | undefined;
  beforeAll(async () => {
    c = contractContext(await makeTarget());
  });
  afterAll(async () => {
    await c?.target.close();
  });
  return () => {
    if (!c) throw new Error('contract target not started');
    return c;
  };
}

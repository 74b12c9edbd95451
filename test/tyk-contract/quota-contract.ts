import { describe, expect, it } from 'vitest';
import { type ContractContext, consume, goldSession, ordersSession } from './fixtures.js';
import { control } from './route-contract.js';

/**
 * What `quota_remaining` on GET means (docs/tyk-behaviour.md "Version table"): Tyk subtracts the live
 * Redis counter from quota_max only while that counter exists; without one (no request since the last
 * reset, or the window ran out) it shows the value stored with the session — the write-back of the
 * last request, or 0 for a key with policies, which clear it when they are applied.
 */
export function defineQuotaContract(ctx: () => ContractContext): void {
  describe('quota_remaining', () => {
    it('is the stored value until a request starts a counter', async () => {
      const t = ctx().target;
      const raw = ctx().newRaw('stored-quota');
      const body = { ...ordersSession(t), quota_remaining: 123 };
      expect((await control(t, 'POST', `/tyk/keys/${raw.reveal()}`, body)).status).toBe(200);
      const read = async () =>
        ((await control(t, 'GET', `/tyk/keys/${raw.reveal()}?org_id=${t.orgId}`)).json as { quota_remaining?: number }).quota_remaining;
      expect(await read()).toBe(123);
      await consume(t, t.apiIds.orders, raw, 1);
      expect(await read()).toBe(999);
      await control(t, 'DELETE', `/tyk/keys/${raw.reveal()}?org_id=${t.orgId}`);
    });

    it('is 0 for a key with policies until a request starts a counter', async () => {
      const { target: t, gateway } = ctx();
      const raw = ctx().newRaw('policy-quota');
      const created = await gateway.createCustomKey(raw, goldSession(t));
      ctx().remember(created.token);
      expect((await gateway.getKey({ token: created.token })).quota_remaining ?? 0).toBe(0);
      await consume(t, t.apiIds.orders, raw, 1);
      expect((await gateway.getKey({ token: created.token })).quota_remaining).toBe(9999);
    });

    it("stays at the last request's value when the window runs out unused, instead of reading full again", async () => {
      const { target: t, gateway } = ctx();
      const raw = ctx().newRaw('quiet-renewal');
      const created = await gateway.createCustomKey(raw, ordersSession(t, { quota_renewal_rate: 2 }));
      ctx().remember(created.token);
      await consume(t, t.apiIds.orders, raw, 3);
      expect((await gateway.getKey({ token: created.token })).quota_remaining).toBe(997);
      await t.afterCacheWindow(); // 10 s: longer than the counter's TTL, which is the renewal rate
      expect((await gateway.getKey({ token: created.token })).quota_remaining).toBe(997);
    });
  });
}

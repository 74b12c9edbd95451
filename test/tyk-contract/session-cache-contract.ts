import { describe, expect, it } from 'vitest';
import type { TykError } from '../../src/tyk/errors.js';
import { type ContractContext, ordersSession, waitFor } from './fixtures.js';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as TykError,
  );

/**
 * The gateway's local session cache (docs/tyk-behaviour.md, "Local session cache"): a consumer
 * lookup is cached for 10 s under the presented value, DELETE and PUT evict only the token's entry,
 * and a request that counts quota writes the session it ran with back. So a retirement of a key in
 * use can be undone after the read-back said it was done; the bot confirms after the window.
 */
export function defineSessionCacheContract(ctx: () => ContractContext): void {
  describe('local session cache', () => {
    it('keeps serving keys used within the cache window: a deleted or changed key with a quota comes back as it was', async () => {
      const { target: t, gateway } = ctx();
      const create = async (label: string, extra = {}) => {
        const raw = ctx().newRaw(label);
        const { token } = await gateway.createCustomKey(raw, ordersSession(t, extra));
        ctx().remember(token);
        expect((await t.consumer(t.apiIds.orders, raw.reveal())).status).toBe(200);
        return { raw, token, use: async () => (await t.consumer(t.apiIds.orders, raw.reveal())).status };
      };
      const deleted = await create('cache-delete');
      const noQuota = await create('cache-delete-no-quota', { quota_max: -1 });
      const changed = await create('cache-put');

      for (const key of [deleted, noQuota]) {
        await gateway.deleteKey({ token: key.token });
        expect((await failure(gateway.getKey({ token: key.token })))?.kind).toBe('not_found');
      }
      const session = await gateway.getKey({ token: changed.token });
      await gateway.updateKey({ token: changed.token }, { ...session, is_inactive: true, alias: 'retired' }, { suppressReset: true });
      expect(await gateway.getKey({ token: changed.token })).toMatchObject({ is_inactive: true, alias: 'retired' });

      // used again within the window: all three are served from the cache
      expect([await deleted.use(), await noQuota.use(), await changed.use()]).toEqual([200, 200, 200]);
      // counting quota wrote the cached session back (possibly after the reply); without quota nothing is written
      await waitFor(
        async () => (await failure(gateway.getKey({ token: deleted.token }))) === undefined,
        5_000,
        'the deleted key to be stored again',
      );
      await waitFor(async () => (await gateway.getKey({ token: changed.token })).alias === 'contract-key', 5_000, 'the PUT to be undone');
      expect((await failure(gateway.getKey({ token: noQuota.token })))?.kind).toBe('not_found');

      await t.afterCacheWindow();
      // what confirming after the window finds: the deleted key is back, the PUT is gone
      expect((await gateway.getKey({ token: deleted.token })).alias).toBe('contract-key');
      expect(await gateway.getKey({ token: changed.token })).toMatchObject({ is_inactive: false, alias: 'contract-key' });
      expect(await noQuota.use()).toBe(403);
      // re-applied with no use in between, the deletion holds
      await gateway.deleteKey({ token: deleted.token });
      expect(await deleted.use()).toBe(403);
      expect((await failure(gateway.getKey({ token: deleted.token })))?.kind).toBe('not_found');
    });

    // The cache key is the presented value (murmur64 of it when hashing), the evicted one the token
    // (its key_hash when hashing): they agree for a token only without hashing or with murmur64.
    it('evicts a consumer presenting the token only where the cache key and the evicted key agree', async () => {
      const { target: t, gateway } = ctx();
      const { token } = await gateway.createCustomKey(ctx().newRaw('cache-token'), ordersSession(t, { quota_max: -1 }));
      ctx().remember(token);
      expect((await t.consumer(t.apiIds.orders, token.reveal())).status).toBe(200);
      await gateway.deleteKey({ token });
      const evicted = !t.hashKeys || t.hashKeyFunction === 'murmur64';
      expect((await t.consumer(t.apiIds.orders, token.reveal())).status).toBe(evicted ? 403 : 200);
    });
  });
}

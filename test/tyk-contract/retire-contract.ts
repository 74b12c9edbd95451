import { describe, expect, it } from 'vitest';
import type { TykError } from '../../src/tyk/errors.js';
import type { SessionInput } from '../../src/tyk/session.js';
import { type ContractContext, goldSession, nowSeconds, ordersSession, waitFor } from './fixtures.js';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as TykError,
  );

export interface RetireContractOptions {
  /**
   * Whether PUT `is_inactive: true` takes, when the target's gateway version is known
   * (docs/tyk-api.md §1.5 table). Without it the contract only checks the read-back tells the truth.
   */
  deactivation?: { withoutPolicies: boolean; withPolicies: boolean };
}

/** The three ways docs/design.md "Rotation" retires an old key: expire, deactivate, delete. */
export function defineRetireContract(ctx: () => ContractContext, opts: RetireContractOptions): void {
  describe('retirement', () => {
    it('retires by expiry: expires a few seconds ahead, then the consumer gets 401', async () => {
      const { target: t, gateway } = ctx();
      const raw = ctx().newRaw('expire');
      const { token } = await gateway.createCustomKey(raw, ordersSession(t));
      ctx().remember(token);
      const session = await gateway.getKey({ token });
      const at = nowSeconds(t) + 2;
      await gateway.updateKey({ token }, { ...session, expires: at }, { suppressReset: true });
      expect((await gateway.getKey({ token })).expires).toBe(at);
      await waitFor(async () => (await t.consumer(t.apiIds.orders, raw.reveal())).status === 401, 8_000, 'the key to expire');
    });

    it('ignores a past expires on update, so "expire now" needs a near-future time', async () => {
      const { target: t, gateway } = ctx();
      const raw = ctx().newRaw('expire-past');
      const { token } = await gateway.createCustomKey(raw, ordersSession(t));
      ctx().remember(token);
      const session = await gateway.getKey({ token });
      await gateway.updateKey({ token }, { ...session, expires: nowSeconds(t) - 60 }, { suppressReset: true });
      expect((await gateway.getKey({ token })).expires).toBe(0);
      expect((await t.consumer(t.apiIds.orders, raw.reveal())).status).toBe(200);
    });

    defineDeactivationCases(ctx, opts.deactivation);

    it('retires by deletion (token, raw value with org, or hash): the consumer gets 403 once the cache window has passed', async () => {
      const { target: t, gateway } = ctx();
      const refs = [
        async () => ({ token: (await create('delete-token')).token }),
        async () => ({ raw: (await create('delete-raw')).raw, orgId: t.orgId }),
        ...(t.hashKeys ? [async () => ({ hash: (await create('delete-hash')).keyHash ?? '' })] : []),
      ];
      async function create(label: string, extra: SessionInput = {}) {
        const raw = ctx().newRaw(label);
        const created = await gateway.createCustomKey(raw, ordersSession(t, extra));
        ctx().remember(created.token);
        return { ...created, raw };
      }
      for (const makeRef of refs) {
        const ref = await makeRef();
        await gateway.deleteKey(ref);
        expect((await failure(gateway.getKey(ref)))?.kind).toBe('not_found');
      }
      // A consumer who used a key in the last 10 s is served from the gateway's local session cache
      // (docs/tyk-behaviour.md); the refusal is what a client can rely on once that window has passed.
      const used = [await create('delete-consumer'), await create('delete-consumer-no-quota', { quota_max: -1 })];
      for (const { raw, token } of used) {
        expect((await t.consumer(t.apiIds.orders, raw.reveal())).status).toBe(200);
        await gateway.deleteKey({ token });
      }
      await t.afterCacheWindow();
      for (const { raw, token } of used) {
        expect((await t.consumer(t.apiIds.orders, raw.reveal())).status).toBe(403);
        expect((await failure(gateway.getKey({ token })))?.kind).toBe('not_found');
      }
    });
  });
}

/**
 * PUT `is_inactive: true` on a key without and with policies. The bot reads the key back and falls
 * back to expiry when the flag did not take, so the read-back must agree with what consumers see;
 * with `expected`, also what the version table in docs/tyk-api.md §1.5 says.
 */
export function defineDeactivationCases(ctx: () => ContractContext, expected: RetireContractOptions['deactivation']): void {
  for (const [kind, make, takes] of [
    ['without policies', ordersSession, expected?.withoutPolicies],
    ['with a policy', goldSession, expected?.withPolicies],
  ] as const) {
    it(`deactivates a key ${kind} only where the read-back says so`, async () => {
      const { target: t, gateway } = ctx();
      const raw = ctx().newRaw('deactivate');
      const { token } = await gateway.createCustomKey(raw, make(t));
      ctx().remember(token);
      const session = await gateway.getKey({ token });
      await gateway.updateKey({ token }, { ...session, is_inactive: true }, { suppressReset: true });
      const readBack = await gateway.getKey({ token });
      const status = (await t.consumer(t.apiIds.orders, raw.reveal())).status;
      expect(status).toBe(readBack.is_inactive ? 403 : 200);
      if (takes !== undefined) expect(readBack.is_inactive).toBe(takes);
    });
  }
}

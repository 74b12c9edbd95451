import { describe, expect, it } from 'vitest';
import { tykToken } from '../../src/tyk/token.js';
import type { ContractTarget } from '../harness/contract-target.js';
import { type ContractContext, consume, nowSeconds, ordersSession } from './fixtures.js';

/** One control-API call below the client, so the contract sees routes and bodies exactly as Tyk sends them. */
export async function control(
  t: ContractTarget,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string; json: unknown }> {
  const res = await fetch(`${t.gatewayUrl}${path}`, {
    method,
    headers: { 'x-tyk-authorization': t.gatewaySecret, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

const trialPolicy = 'trial-policy';
const trialLongPolicy = 'trial-long-policy';
const otherOrgPolicy = 'other-org-policy';

/**
 * Routing and write details of the key API that a client cannot see through GatewayClient
 * (docs/tyk-behaviour.md "Version table"). Every case here holds on 5.8.1 as well as on later lines.
 */
export function defineRouteContract(ctx: () => ContractContext): void {
  describe('routes and writes', () => {
    it('does not route a key id holding an encoded slash: create and read both 404', async () => {
      const t = ctx().target;
      const id = encodeURIComponent(`${ctx().newRaw('slash').reveal()}/tail`);
      expect((await control(t, 'POST', `/tyk/keys/${id}`, ordersSession(t))).status).toBe(404);
      expect((await control(t, 'GET', `/tyk/keys/${id}?org_id=${t.orgId}`)).status).toBe(404);
    });

    it('answers POST /tyk/keys/preview with the policy-merged session and stores nothing', async () => {
      const t = ctx().target;
      const reply = await control(t, 'POST', '/tyk/keys/preview', { org_id: t.orgId, apply_policies: [t.policyIds.gold] });
      expect(reply.status).toBe(200);
      expect(Object.keys((reply.json as { access_rights: object }).access_rights).sort()).toEqual([t.apiIds.invoices, t.apiIds.orders]);
      expect((await control(t, 'GET', `/tyk/keys/preview?org_id=${t.orgId}`)).status).toBe(404);
    });

    it('mints a random key on POST /tyk/keys/create, never one named "create"', async () => {
      const t = ctx().target;
      const reply = await control(t, 'POST', '/tyk/keys/create', ordersSession(t));
      expect(reply.status).toBe(200);
      const key = (reply.json as { key: string }).key;
      expect(key).not.toBe(tykToken(t.orgId, 'create', t.hashKeyFunction));
      expect((await control(t, 'GET', `/tyk/keys/create?org_id=${t.orgId}`)).status).toBe(404);
      await control(t, 'DELETE', `/tyk/keys/${key}`);
    });

    it('answers DELETE ?api_id=-1 of a missing key with 404', async () => {
      const t = ctx().target;
      const reply = await control(t, 'DELETE', `/tyk/keys/${ctx().newRaw('gone').reveal()}?api_id=-1&org_id=${t.orgId}`);
      expect(reply.status).toBe(404);
    });

    it('stores expires 0 when a POST over an existing key sends a past expires', async () => {
      const { target: t, gateway } = ctx();
      const raw = ctx().newRaw('past-over');
      const first = await gateway.createCustomKey(raw, ordersSession(t, { expires: nowSeconds(t) + 86_400 }));
      ctx().remember(first.token);
      await gateway.createCustomKey(raw, ordersSession(t, { expires: nowSeconds(t) - 3600 }));
      expect((await gateway.getKey({ token: first.token })).expires).toBe(0);
    });

    it('sends key_hash in the POST reply only when hash_keys is on', async () => {
      const t = ctx().target;
      const raw = ctx().newRaw('reply');
      const reply = await control(t, 'POST', `/tyk/keys/${raw.reveal()}`, ordersSession(t));
      expect(reply.status).toBe(200);
      expect('key_hash' in (reply.json as object)).toBe(t.hashKeys);
      await control(t, 'DELETE', `/tyk/keys/${raw.reveal()}?org_id=${t.orgId}`);
    });
  });

  describe('policies on create', () => {
    it("replaces the body's expires with the last policy's key_expires_in on create", async () => {
      const { target: t, gateway } = ctx();
      const raw = ctx().newRaw('trial');
      const now = nowSeconds(t);
      const session = ordersSession(t, { apply_policies: [trialLongPolicy, trialPolicy], expires: now + 86_400 });
      const created = await gateway.createCustomKey(raw, session);
      ctx().remember(created.token);
      const expires = (await gateway.getKey({ token: created.token })).expires;
      // trial-policy (600 s) is listed last, so it wins over trial-long-policy and over the body
      expect(expires).toBeGreaterThanOrEqual(now + 590);
      expect(expires).toBeLessThanOrEqual(now + 610);
    });

    it('skips a missing policy when the key names several', async () => {
      const { target: t, gateway } = ctx();
      const raw = ctx().newRaw('missing-policy');
      const created = await gateway.createCustomKey(raw, ordersSession(t, { apply_policies: ['no-such-policy', t.policyIds.gold] }));
      ctx().remember(created.token);
      await consume(t, t.apiIds.invoices, raw, 1);
    });

    it("refuses a policy whose org is not the API's org, whatever org the key names", async () => {
      const t = ctx().target;
      const raw = ctx().newRaw('other-org');
      const body = ordersSession(t, { apply_policies: [otherOrgPolicy], org_id: 'ffffffffffffffffffffffff' });
      expect((await control(t, 'POST', `/tyk/keys/${raw.reveal()}`, body)).status).toBe(500);
    });
  });

  describe('reads', () => {
    it('falls back to org_id when GET names an api_id the gateway does not have', async () => {
      const { target: t, gateway } = ctx();
      const raw = ctx().newRaw('fallback');
      const created = await gateway.createCustomKey(raw, ordersSession(t, { alias: 'fallback' }));
      ctx().remember(created.token);
      const reply = await control(t, 'GET', `/tyk/keys/${raw.reveal()}?api_id=no-such-api&org_id=${t.orgId}`);
      expect(reply.status).toBe(200);
      expect((reply.json as { alias: string }).alias).toBe('fallback');
    });

    it('finds the org-derived token before a key stored under the bare value', async () => {
      const { target: t, gateway } = ctx();
      const raw = ctx().newRaw('both');
      const custom = await gateway.createCustomKey(raw, ordersSession(t, { alias: 'custom' }));
      ctx().remember(custom.token);
      // a key stored under the bare value: an org-less session makes token('', raw) = raw in legacy mode only
      if (t.hashKeyFunction !== '') return;
      await control(t, 'POST', `/tyk/keys/${raw.reveal()}`, ordersSession(t, { alias: 'bare', org_id: '' }));
      const reply = await control(t, 'GET', `/tyk/keys/${raw.reveal()}?org_id=${t.orgId}`);
      expect((reply.json as { alias: string }).alias).toBe('custom');
      await control(t, 'DELETE', `/tyk/keys/${raw.reveal()}`);
    });

    it('answers the OAuth client list of an unknown API with 404 and a JSON null', async () => {
      const t = ctx().target;
      const reply = await control(t, 'GET', '/tyk/oauth/clients/no-such-api');
      expect(reply.status).toBe(404);
      expect(reply.text.trim()).toBe('null');
    });
  });
}

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRealGatewayAvailable, type RealGateway, startRealGateway } from './real-gateway.js';

/**
 * What the real gateway does with a key that consumers keep using while it is changed or deleted
 * (docs/tyk-real-gateway.md, "Local session cache"): it caches each session for 10 s under the value
 * the consumer presented, DELETE/PUT only evict the entry under the token, and a request that counts
 * quota writes the cached session back to Redis. Pinned here so a new gateway version that fixes it,
 * or the bot relying on the opposite, shows up as a failure.
 */
const CACHE_TTL_MS = 10_000;

async function keepCalling(gw: RealGateway, raw: string, ms: number): Promise<number[]> {
  const statuses: number[] = [];
  for (const end = Date.now() + ms; Date.now() < end; ) {
    statuses.push((await gw.consumer(gw.apiIds.orders, raw)).status);
    await new Promise((r) => setTimeout(r, 2_000)); // the traffic being simulated, not a wait for a condition
  }
  return statuses;
}

function controlOf(gw: () => RealGateway) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${gw().gatewayUrl}${path}`, {
      method,
      headers: { 'X-Tyk-Authorization': gw().gatewaySecret },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
}

describe.skipIf(!isRealGatewayAvailable())('real gateway session cache, default config', () => {
  let gw: RealGateway;
  const control = controlOf(() => gw);
  beforeAll(async () => {
    gw = await startRealGateway({ hashKeys: false, hashKeyFunction: '' });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('keeps serving a key with a quota that was deleted by its token while its raw value is in use, and stores it again', async () => {
    const raw = `cache-del-${randomBytes(4).toString('hex')}`;
    const { json } = await control('POST', `/tyk/keys/${raw}`, { org_id: gw.orgId, apply_policies: [gw.policyIds.gold] });
    expect((await gw.consumer(gw.apiIds.orders, raw)).status).toBe(200);
    expect((await control('DELETE', `/tyk/keys/${String(json.key)}`)).status).toBe(200);
    const statuses = await keepCalling(gw, raw, CACHE_TTL_MS + 2_000);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect((await control('GET', `/tyk/keys/${String(json.key)}`)).status).toBe(200);
  }, 30_000);

  it('undoes a PUT (is_inactive, alias) when the key is used with its raw value right before and after', async () => {
    const raw = `cache-put-${randomBytes(4).toString('hex')}`;
    const { json } = await control('POST', `/tyk/keys/${raw}`, { org_id: gw.orgId, apply_policies: [gw.policyIds.gold] });
    const token = String(json.key);
    expect((await gw.consumer(gw.apiIds.orders, raw)).status).toBe(200);
    const session = (await control('GET', `/tyk/keys/${token}`)).json;
    expect((await control('PUT', `/tyk/keys/${token}`, { ...session, is_inactive: true, alias: 'retired' })).status).toBe(200);
    const statuses = await keepCalling(gw, raw, CACHE_TTL_MS + 2_000);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const after = (await control('GET', `/tyk/keys/${token}`)).json;
    expect(after).toMatchObject({ is_inactive: false, alias: '' });
  }, 30_000);
});

describe.skipIf(!isRealGatewayAvailable())('real gateway session cache switched off', () => {
  let gw: RealGateway;
  const control = controlOf(() => gw);
  beforeAll(async () => {
    const config = { local_session_cache: { disable_cached_session_state: true } };
    gw = await startRealGateway({ hashKeys: false, hashKeyFunction: '', config });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('shuts a deleted key out at once when local_session_cache.disable_cached_session_state is true', async () => {
    const raw = `nocache-del-${randomBytes(4).toString('hex')}`;
    const { json } = await control('POST', `/tyk/keys/${raw}`, { org_id: gw.orgId, apply_policies: [gw.policyIds.gold] });
    expect((await gw.consumer(gw.apiIds.orders, raw)).status).toBe(200);
    expect((await control('DELETE', `/tyk/keys/${String(json.key)}`)).status).toBe(200);
    expect((await gw.consumer(gw.apiIds.orders, raw)).status).toBe(403);
    expect((await control('GET', `/tyk/keys/${String(json.key)}`)).status).toBe(404);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from './child-process.js';
import { isRealGatewayAvailable, type RealGateway, type RealGatewayOptions, startRealGateway } from './real-gateway.js';

const modes: RealGatewayOptions[] = [
  { hashKeys: false, hashKeyFunction: '' },
  { hashKeys: true, hashKeyFunction: 'murmur64' },
];

describe.skipIf(!isRealGatewayAvailable()).each(modes)(
  'real Tyk Gateway (hash_keys $hashKeys, hash_key_function "$hashKeyFunction")',
  (mode) => {
    let gw: RealGateway;
    beforeAll(async () => {
      gw = await startRealGateway(mode);
    }, 60_000);
    afterAll(async () => {
      await gw?.close();
    });

    const control = (method: string, path: string, body?: unknown) =>
      fetch(`${gw.gatewayUrl}${path}`, {
        method,
        headers: { 'X-Tyk-Authorization': gw.gatewaySecret, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    it('reports its pinned version on /hello', async () => {
      const res = await fetch(`${gw.gatewayUrl}/hello`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'pass', version: gw.version });
    });

    // The gateway caches a session for 10 s under the value the consumer presented, and DELETE only
    // evicts the token's entry; a key without a quota is not written back, so it goes within ~10 s
    // (docs/tyk-real-gateway.md, "Local session cache").
    it('lets a consumer in with the raw custom value and shuts it out once the deleted key leaves the cache', async () => {
      const raw = `smoke-${randomBytes(6).toString('hex')}`;
      const grant = (apiId: string) => ({ api_id: apiId, api_name: apiId, versions: ['Default'] });
      const session = {
        org_id: gw.orgId,
        access_rights: { [gw.apiIds.orders]: grant(gw.apiIds.orders), [gw.apiIds.invoices]: grant(gw.apiIds.invoices) },
        rate: 100,
        per: 60,
        quota_max: -1,
      };
      const created = await control('POST', `/tyk/keys/${raw}`, session);
      expect(created.status).toBe(200);
      const reply = (await created.json()) as { key: string; action: string; key_hash?: string };
      expect(reply.action).toBe('added');
      expect(reply.key_hash !== undefined).toBe(gw.hashKeys);

      expect((await gw.consumer(gw.apiIds.orders, raw)).status).toBe(200);
      expect((await gw.consumer(gw.apiIds.invoices, raw)).status).toBe(200);

      const deleted = await control('DELETE', `/tyk/keys/${reply.key}`);
      expect(deleted.status).toBe(200);
      expect((await control('GET', `/tyk/keys/${reply.key}`)).status).toBe(404);
      let last = { status: 0, body: '' };
      await waitUntil(
        async () => {
          last = await gw.consumer(gw.apiIds.orders, raw);
          return last.status === 403;
        },
        15_000,
        () => 'a 403',
      );
      expect(JSON.parse(last.body)).toEqual({ error: 'Access to this API has been disallowed' });
    });

    it('answers 401 when the Authorization header is missing', async () => {
      const res = await gw.consumer(gw.apiIds.orders, undefined);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toEqual({ error: 'Authorization field missing' });
    });
  },
);

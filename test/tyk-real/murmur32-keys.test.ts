import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyHash } from '../../src/tyk/token.js';
import { isRealGatewayAvailable, type RealGateway, startRealGateway } from './real-gateway.js';

/**
 * hash_keys on with an empty hash_key_function stores keys under Tyk's murmur32 of the legacy token,
 * which mixes only whole 4-byte blocks (src/tyk/murmur.ts; TykTechnologies/tyk#1309). Tokens that
 * differ only in their last (length mod 4) bytes share one Redis entry. docs/tyk-real-gateway.md.
 */
describe.skipIf(!isRealGatewayAvailable())('real gateway, hashed keys in the legacy format (murmur32)', () => {
  let gw: RealGateway;
  beforeAll(async () => {
    gw = await startRealGateway({ hashKeys: true, hashKeyFunction: '' });
  });
  afterAll(async () => {
    await gw?.close();
  });

  const importKey = async (raw: string, apiId: string, alias: string) => {
    const grant = { [apiId]: { api_id: apiId, api_name: apiId, versions: ['Default'] } };
    const res = await fetch(`${gw.gatewayUrl}/tyk/keys/${raw}`, {
      method: 'POST',
      headers: { 'X-Tyk-Authorization': gw.gatewaySecret },
      body: JSON.stringify({ org_id: gw.orgId, access_rights: grant, alias }),
    });
    return (await res.json()) as { key: string; key_hash: string };
  };

  it('returns the key_hash that src/tyk/token.ts computes for the token', async () => {
    const created = await importKey('murmur-check-0001', gw.apiIds.orders, 'check');
    expect(created.key).toBe(`${gw.orgId}murmur-check-0001`);
    expect(created.key_hash).toBe(keyHash(created.key));
  });

  it('lets a second import whose token differs only in the tail overwrite the first, and a never-imported value in', async () => {
    // 24-char org + 13-char id = 37 bytes: 9 whole blocks and 1 tail byte, which is ignored
    const one = await importKey('customer-00001', gw.apiIds.orders, 'customer one');
    const two = await importKey('customer-00002', gw.apiIds.invoices, 'customer two');
    expect(two.key).not.toBe(one.key);
    expect(two.key_hash).toBe(one.key_hash);
    expect((await gw.consumer(gw.apiIds.orders, 'customer-00001')).status).toBe(403);
    expect((await gw.consumer(gw.apiIds.invoices, 'customer-00001')).status).toBe(200);
    expect((await gw.consumer(gw.apiIds.invoices, 'customer-00009')).status).toBe(200);
  });
});

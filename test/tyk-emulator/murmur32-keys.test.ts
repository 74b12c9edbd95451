import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyHash } from '../../src/tyk/token.js';
import { clients } from '../harness/tyk-emulator/http-client.js';
import { startTykEmulator, TEST_ORG, type TykEmulator } from '../harness/tyk-emulator/index.js';

/**
 * hash_keys on with an empty hash_key_function: Tyk's murmur32 mixes only whole 4-byte blocks, so
 * tokens that differ in their last (length mod 4) bytes share one Redis entry. The same cases as
 * test/tyk-real/murmur32-keys.test.ts, which pins them on a real gateway.
 */
describe('emulator, hashed keys in the legacy format (murmur32)', () => {
  let emu: TykEmulator;
  beforeAll(async () => {
    emu = await startTykEmulator({ hashKeys: true, hashKeyFunction: '', version: '5.8.6' });
  });
  afterAll(() => emu.close());

  const importKey = async (raw: string, apiId: string, alias: string) => {
    const grant = { [apiId]: { api_id: apiId, api_name: apiId, versions: ['Default'] } };
    const reply = await clients(emu).gateway('POST', `/tyk/keys/${raw}`, { body: { org_id: TEST_ORG, access_rights: grant, alias } });
    return reply.json as { key: string; key_hash: string };
  };

  it('returns the 8-hex key_hash that src/tyk/token.ts computes for the token', async () => {
    const created = await importKey('murmur-check-0001', 'orders-api', 'check');
    expect(created.key).toBe(`${TEST_ORG}murmur-check-0001`);
    expect(created.key_hash).toBe(keyHash(created.key));
    expect(created.key_hash).toMatch(/^[0-9a-f]{8}$/);
  });

  it('lets a second import whose token differs only in the tail overwrite the first, and a never-imported value in', async () => {
    // 24-char org + 13-char id = 37 bytes: 9 whole blocks and 1 tail byte, which is ignored
    const one = await importKey('customer-00001', 'orders-api', 'customer one');
    const two = await importKey('customer-00002', 'invoices-api', 'customer two');
    expect(two.key).not.toBe(one.key);
    expect(two.key_hash).toBe(one.key_hash);
    expect(emu.findByRaw('customer-00001')?.session.alias).toBe('customer two');
    expect(emu.consume('orders-api', 'customer-00001').status).toBe(403);
    expect(emu.consume('invoices-api', 'customer-00001').status).toBe(200);
    expect(emu.consume('invoices-api', 'customer-00009').status).toBe(200);
  });
});

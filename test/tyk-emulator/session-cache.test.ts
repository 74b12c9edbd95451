import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { HashFunction } from '../../src/tyk/token.js';
import { clients } from '../harness/tyk-emulator/http-client.js';
import { startTykEmulator, TEST_ORG, type TykEmulator, type TykEmulatorOptions } from '../harness/tyk-emulator/index.js';

/**
 * The gateway's local session cache, as test/tyk-real/session-cache.test.ts and the probes in
 * docs/tyk-behaviour.md found it on a real 5.8.1 gateway (5.8.6 is the emulator's version closest to
 * it), on the emulator's clock.
 */
let emu: TykEmulator;
const clock = new ManualClock();
afterEach(() => emu.close());

async function start(opts: TykEmulatorOptions = {}) {
  clock.set(Date.UTC(2026, 0, 1));
  emu = await startTykEmulator({ clock, version: '5.8.6', hashKeys: false, hashKeyFunction: '', ...opts });
  const gw = clients(emu).gateway;
  const control = async (method: string, path: string, body?: unknown) => {
    const r = await gw(method, path, body === undefined ? {} : { body });
    return { status: r.status, json: r.json as Record<string, unknown> };
  };
  /** POST /tyk/keys/{raw}; returns the token */
  const create = async (raw: string, session: object = { apply_policies: ['gold-policy'] }) =>
    String((await control('POST', `/tyk/keys/${raw}`, { org_id: TEST_ORG, ...session })).json.key);
  return { control, create };
}

const use = (raw: string) => emu.consume('orders-api', raw).status;

/** A consumer calling every 2 s for `ms` (the traffic being simulated). */
function keepCalling(raw: string, ms: number): number[] {
  const statuses: number[] = [];
  for (let spent = 0; spent < ms; spent += 2_000) {
    statuses.push(use(raw));
    clock.advance(2_000);
  }
  return statuses;
}

const noQuota = { access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } }, quota_max: -1 };

describe('local session cache, on by default', () => {
  it('keeps serving a key with a quota that was deleted by its token while its raw value is in use, and stores it again', async () => {
    const { control, create } = await start();
    const token = await create('cache-del-0001');
    expect(use('cache-del-0001')).toBe(200);
    expect((await control('DELETE', `/tyk/keys/${token}`)).status).toBe(200);
    expect((await control('GET', `/tyk/keys/${token}`)).status).toBe(404);
    expect(keepCalling('cache-del-0001', 12_000)).toEqual([200, 200, 200, 200, 200, 200]);
    expect((await control('GET', `/tyk/keys/${token}`)).status).toBe(200);
  });

  it('undoes a PUT (is_inactive, alias) when the key is used with its raw value right before and after', async () => {
    const { control, create } = await start();
    const token = await create('cache-put-0001');
    expect(use('cache-put-0001')).toBe(200);
    const session = (await control('GET', `/tyk/keys/${token}`)).json;
    expect((await control('PUT', `/tyk/keys/${token}`, { ...session, is_inactive: true, alias: 'retired' })).status).toBe(200);
    expect(keepCalling('cache-put-0001', 12_000).every((s) => s === 200)).toBe(true);
    expect((await control('GET', `/tyk/keys/${token}`)).json).toMatchObject({ is_inactive: false, alias: '' });
  });

  it('brings a deleted key with a quota back for good after one use within the window; unused, it stays gone', async () => {
    const { control, create } = await start();
    const once = await create('cache-once-0001');
    const idle = await create('cache-idle-0001');
    expect([use('cache-once-0001'), use('cache-idle-0001')]).toEqual([200, 200]);
    await control('DELETE', `/tyk/keys/${once}`);
    await control('DELETE', `/tyk/keys/${idle}`);
    expect(use('cache-once-0001')).toBe(200);
    clock.advance('11s');
    expect((await control('GET', `/tyk/keys/${once}`)).status).toBe(200);
    expect(use('cache-once-0001')).toBe(200);
    expect([use('cache-idle-0001'), (await control('GET', `/tyk/keys/${idle}`)).status]).toEqual([403, 404]);
  });

  it('serves a deleted key without quota until 10 s after it was fetched, however often it is used, and never stores it again', async () => {
    const { control, create } = await start();
    const token = await create('cache-noquota-01', noQuota);
    expect(use('cache-noquota-01')).toBe(200);
    await control('DELETE', `/tyk/keys/${token}`);
    for (let i = 0; i < 20; i++) {
      clock.advance(500);
      expect(use('cache-noquota-01')).toBe(200);
    }
    expect((await control('GET', `/tyk/keys/${token}`)).status).toBe(404);
    clock.advance(1); // 10 s + 1 ms after the fetch
    expect(use('cache-noquota-01')).toBe(403);
  });

  it('never lets a DELETE hold while the raw value is used every 2 s; the first one after the traffic stops does', async () => {
    const { control, create } = await start();
    const token = await create('cache-steady-01');
    expect(use('cache-steady-01')).toBe(200);
    for (let round = 0; round < 3; round++) {
      expect((await control('DELETE', `/tyk/keys/${token}`)).status).toBe(200);
      expect(keepCalling('cache-steady-01', 12_000).every((s) => s === 200)).toBe(true);
      expect((await control('GET', `/tyk/keys/${token}`)).status).toBe(200);
    }
    clock.advance('11s');
    await control('DELETE', `/tyk/keys/${token}`);
    expect([use('cache-steady-01'), (await control('GET', `/tyk/keys/${token}`)).status]).toEqual([403, 404]);
  });

  // The write-back re-caches under the session's key hash: the presented value without hashing
  // (so the consumer's entry lives on), the storage key with it (so it runs out 10 s after the fetch).
  const refresh: Array<[string, TykEmulatorOptions, number]> = [
    ['unhashed', { hashKeys: false, hashKeyFunction: '' }, 200],
    ['hashed murmur64', { hashKeys: true, hashKeyFunction: 'murmur64' }, 403],
  ];
  it.each(refresh)('%s: a second DELETE 10.4 s after the fetch, with one use in between, meets %i', async (_, mode, after) => {
    const { control, create } = await start(mode);
    const token = await create('cache-refresh-01');
    expect(use('cache-refresh-01')).toBe(200);
    await control('DELETE', `/tyk/keys/${token}`);
    clock.advance('5s');
    expect(use('cache-refresh-01')).toBe(200);
    clock.advance(5_400);
    expect((await control('GET', `/tyk/keys/${token}`)).status).toBe(200);
    await control('DELETE', `/tyk/keys/${token}`);
    expect(use('cache-refresh-01')).toBe(after);
    expect((await control('GET', `/tyk/keys/${token}`)).status).toBe(after === 200 ? 200 : 404);
  });

  // the cache key is murmur64 of what was presented, the eviction key the token's own key_hash
  const byToken: Array<[boolean, HashFunction, number]> = [
    [false, '', 403],
    [true, 'murmur64', 403],
    [true, 'sha256', 200],
  ];
  it.each(byToken)(
    'with hash_keys %s and hash_key_function "%s", a consumer presenting the token gets %i right after DELETE',
    async (hashKeys, hashKeyFunction, afterDelete) => {
      const { control, create } = await start({ hashKeys, hashKeyFunction });
      const token = await create('cache-token-0001', { ...noQuota, quota_max: 1000, quota_renewal_rate: 3600 });
      expect(use(token)).toBe(200);
      await control('DELETE', `/tyk/keys/${token}`);
      expect(use(token)).toBe(afterDelete);
    },
  );
});

describe('local session cache switched off', () => {
  it('shuts a deleted key out at once when disableCachedSessionState is true', async () => {
    const { control, create } = await start({ disableCachedSessionState: true });
    const token = await create('nocache-del-0001');
    expect(use('nocache-del-0001')).toBe(200);
    expect((await control('DELETE', `/tyk/keys/${token}`)).status).toBe(200);
    expect(use('nocache-del-0001')).toBe(403);
    expect((await control('GET', `/tyk/keys/${token}`)).status).toBe(404);
  });

  it('applies a PUT to the very next request, and can be switched on a running emulator', async () => {
    const { control, create } = await start({ disableCachedSessionState: true });
    const token = await create('nocache-put-0001');
    expect(use('nocache-put-0001')).toBe(200);
    const session = (await control('GET', `/tyk/keys/${token}`)).json;
    await control('PUT', `/tyk/keys/${token}`, { ...session, is_inactive: true });
    expect(emu.consume('orders-api', 'nocache-put-0001')).toEqual({ status: 403, body: { error: 'Key is inactive, please renew' } });
    emu.options.disableCachedSessionState = false;
    await control('PUT', `/tyk/keys/${token}`, { ...session, is_inactive: false });
    expect(use('nocache-put-0001')).toBe(200);
    await control('PUT', `/tyk/keys/${token}`, { ...session, is_inactive: true });
    expect(use('nocache-put-0001')).toBe(200);
  });
});

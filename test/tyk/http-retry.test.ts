import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret } from '../../src/secret.js';
import type { TykError } from '../../src/tyk/errors.js';
import { createGatewayClient, type GatewayClientOptions } from '../../src/tyk/gateway.js';
import { Session } from '../../src/tyk/session.js';
import { captureLog } from '../harness/capture-log.js';
import { startTykEmulator, TEST_ORG, type TykEmulator } from '../harness/tyk-emulator/index.js';
import { startRecordingProxy } from '../tyk-contract/recording-proxy.js';

const session = () =>
  Session.parse({
    org_id: TEST_ORG,
    access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } },
  });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as TykError,
  );

let emu: TykEmulator;
let sleeps: number[];
const client = (o: Partial<GatewayClientOptions> = {}) =>
  createGatewayClient({
    url: emu.url,
    secret: new Secret('test-gateway-secret'),
    timeoutMs: 2_000,
    retries: 3,
    log: captureLog().log,
    sleep: async (ms) => void sleeps.push(ms),
    ...o,
  });
const callsTo = (method: string, path: string) => emu.calls.filter((c) => c.method === method && c.path === path).length;

beforeEach(async () => {
  emu = await startTykEmulator();
  sleeps = [];
});
afterEach(async () => {
  await emu.close();
});

describe('retries', () => {
  it('re-sends after 500s with growing jittered waits and returns the reply that follows', async () => {
    const raw = new Secret('retry-after-500');
    await client().createCustomKey(raw, session());
    emu.faults.failNext(2, { match: /^GET / });
    const got = await client({ random: () => 0.5 }).getKey({ raw, apiId: 'orders-api' });
    expect(got.org_id).toBe(TEST_ORG);
    expect(sleeps).toEqual([100, 200]);
    expect(callsTo('GET', `/tyk/keys/${raw.reveal()}`)).toBe(3);
  });

  it('waits as long as Retry-After says after a 429, capped at the configured maximum', async () => {
    emu.faults.rateLimitNext(1, 3);
    await client().listApis();
    expect(sleeps).toEqual([3_000]);
    emu.faults.rateLimitNext(1, 3_600);
    await client({ maxRetryAfterMs: 10_000 }).listApis();
    expect(sleeps).toEqual([3_000, 10_000]);
  });

  it('gives up on a hung call at the timeout and retries it within a bounded total', async () => {
    emu.faults.hangNext(1, /^GET \/tyk\/apis/);
    const started = Date.now();
    await client({ timeoutMs: 300, retries: 2 }).listApis();
    expect(sleeps).toHaveLength(1);
    emu.faults.hangNext(10, /^GET \/tyk\/apis/);
    const err = await failure(client({ timeoutMs: 300, retries: 2 }).listApis());
    expect(err?.kind).toBe('timeout');
    expect(err?.path).toBe('/tyk/apis');
    expect(Date.now() - started).toBeLessThan(4 * 300 + 1_500);
  });

  it('never re-sends after 400, 401, 403 or 404', async () => {
    for (const status of [400, 401, 403, 404]) {
      const before = callsTo('GET', '/tyk/apis');
      emu.faults.failNext(1, { status, match: /^GET \/tyk\/apis/ });
      const err = await failure(client().listApis());
      expect(err?.status).toBe(status);
      expect(callsTo('GET', '/tyk/apis') - before).toBe(1);
    }
    expect(sleeps).toEqual([]);
  });

  it('does not re-send an unsafe call after a 500 or a timeout, but does after a 429', async () => {
    emu.faults.failNext(1, { match: /^POST \/tyk\/keys$/ });
    expect((await failure(client().createKey(session())))?.kind).toBe('server');
    emu.faults.hangNext(1, /^POST \/tyk\/keys$/);
    expect((await failure(client({ timeoutMs: 300 }).createKey(session())))?.kind).toBe('timeout');
    expect(callsTo('POST', '/tyk/keys')).toBe(1);
    emu.faults.rateLimitNext(1, 1, /^POST \/tyk\/keys$/);
    const created = await client().createKey(session());
    expect(created.token.reveal()).not.toBe('');
    expect(sleeps).toEqual([1_000]);
  });

  it('re-sends an unsafe call when the connection was refused, as nothing reached Tyk', async () => {
    const port = await freePort();
    let later: TykEmulator | undefined;
    const c = createGatewayClient({
      url: `http://127.0.0.1:${port}`,
      secret: new Secret('test-gateway-secret'),
      timeoutMs: 2_000,
      retries: 2,
      log: captureLog().log,
      sleep: async () => {
        later ??= await startTykEmulator({ port });
      },
    });
    try {
      expect((await c.createKey(session())).token.reveal()).not.toBe('');
    } finally {
      await later?.close();
    }
  });

  it('runs many concurrent calls at 20 ms latency over a bounded pool of kept-alive connections', async () => {
    emu.faults.latencyMs = 20;
    const proxy = await startRecordingProxy(emu.url);
    try {
      const c = client({ url: proxy.url });
      for (let round = 0; round < 2; round++) await Promise.all(Array.from({ length: 200 }, () => c.listPolicies()));
      expect(proxy.exchanges).toHaveLength(400);
      // 400 calls over at most 64 sockets: the pool is bounded and connections are kept alive and reused
      expect(proxy.connections).toBeLessThanOrEqual(64);
    } finally {
      await proxy.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

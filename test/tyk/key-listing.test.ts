import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../src/secret.js';
import { createDashboardClient } from '../../src/tyk/dashboard.js';
import { isTykError, type TykError } from '../../src/tyk/errors.js';
import { createGatewayClient } from '../../src/tyk/gateway.js';
import { captureLog } from '../harness/capture-log.js';

const KEYS = Array.from({ length: 500 }, (_, i) => `key-${i}-${'é'.repeat(i % 3)}-a1b2c3d4e5f6`);

let server: Server | undefined;
let hits = 0;

/** A local server that answers every request with `reply` (status and body), the body 7 bytes at a time. */
async function serve(reply: () => { status: number; body: string }): Promise<string> {
  hits = 0;
  server = createServer((_req, res) => {
    hits++;
    const { status, body } = reply();
    res.writeHead(status, { 'content-type': 'application/json' });
    void trickle(res, Buffer.from(body, 'utf8'));
  });
  await new Promise<void>((resolve) => (server as Server).listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function trickle(res: ServerResponse, bytes: Buffer): Promise<void> {
  for (let i = 0; i < bytes.length; i += 7) {
    res.write(bytes.subarray(i, i + 7));
    if (i % 700 === 0) await new Promise((r) => setImmediate(r));
  }
  res.end();
}

afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

const gateway = (url: string) =>
  createGatewayClient({
    url,
    secret: new Secret('gw-secret'),
    timeoutMs: 5_000,
    retries: 2,
    log: captureLog().log,
    sleep: async () => undefined,
  });

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as TykError,
  );

describe('streamed key listing', () => {
  it('gives the same Set from a body that arrives 7 bytes at a time, multi-byte characters split', async () => {
    const url = await serve(() => ({ status: 200, body: JSON.stringify({ keys: KEYS, other: { a: [1, { b: null }] } }) }));
    expect(await gateway(url).listKeys()).toEqual(new Set(KEYS));
  });

  it('reads an empty or null listing as an empty Set', async () => {
    const url = await serve(() => ({ status: 200, body: '{"keys":null}' }));
    expect(await gateway(url).listKeys()).toEqual(new Set());
  });

  it("streams the Dashboard's one-reply listing too", async () => {
    const url = await serve(() => ({ status: 200, body: JSON.stringify({ data: { keys: KEYS }, pages: 1 }) }));
    const d = createDashboardClient({ url, apiKey: new Secret('dash-key'), timeoutMs: 5_000, retries: 0, log: captureLog().log });
    expect(await d.listKeys()).toEqual(new Set(KEYS));
  });

  for (const [what, body] of [
    ['truncated', JSON.stringify({ keys: KEYS }).slice(0, 1_000)],
    ['not JSON at all', `{"keys":["${KEYS[0]}" "${KEYS[1]}"]}`],
    ['a list of non-strings', `{"keys":["${KEYS[0]}",{"k":"${KEYS[1]}"}]}`],
    ['not an object', `["${KEYS[0]}"]`],
    ['trailing bytes', `{"keys":["${KEYS[0]}"]} "${KEYS[1]}"`],
  ] as const) {
    it(`answers a ${what} listing with a TykError naming the service and path, no key in it, not re-sent`, async () => {
      const url = await serve(() => ({ status: 200, body }));
      const e = await failureOf(gateway(url).listKeys());
      expect(isTykError(e)).toBe(true);
      expect(e.kind).toBe('server');
      const text = e.toKeybotError().message;
      expect(text).toContain('Tyk Gateway');
      expect(text).toContain('/tyk/keys');
      for (const k of KEYS.slice(0, 3)) {
        expect(text).not.toContain(k);
        expect(e.message).not.toContain(k);
      }
      expect(hits).toBe(1);
    });
  }

  it('is null on a 404 (hashed listing disabled)', async () => {
    const url = await serve(() => ({ status: 404, body: '{"status":"error","message":"Hashed key listing is disabled"}' }));
    expect(await gateway(url).listKeys()).toBeNull();
  });

  it('re-sends after a 500, with a fresh reader for the new reply', async () => {
    let n = 0;
    const url = await serve(() =>
      n++ === 0 ? { status: 500, body: '{"keys":["half' } : { status: 200, body: JSON.stringify({ keys: KEYS }) },
    );
    expect(await gateway(url).listKeys()).toEqual(new Set(KEYS));
    expect(hits).toBe(2);
  });
});

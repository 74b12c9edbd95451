import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Secret } from '../../src/secret.js';
import type { TykError } from '../../src/tyk/errors.js';
import { createTykHttp } from '../../src/tyk/http.js';
import { captureLog } from '../harness/capture-log.js';

type Reply = (req: IncomingMessage, res: ServerResponse) => void;
const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

/** A one-route server on 127.0.0.1 that answers with `reply` and remembers request URLs and headers. */
async function serve(reply: Reply): Promise<{ url: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    reply(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const json =
  (status: number, body: unknown): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as TykError,
  );

describe('Tyk HTTP layer', () => {
  it('URL-encodes path parameters and sends header credentials revealed', async () => {
    const srv = await serve(json(200, { ok: true }));
    const log = captureLog();
    const http = createTykHttp({
      baseURL: srv.url,
      headers: { 'x-tyk-authorization': new Secret('s3cret') },
      timeoutMs: 1_000,
      retries: 0,
      log: log.log,
    });
    const token = new Secret('eyJvcmciOiJhIn0=/+x');
    await http.call({
      method: 'GET',
      path: '/tyk/keys/{id}',
      params: { id: token },
      query: { hashed: undefined, api_id: 'a b' },
      schema: z.unknown(),
      retry: 'idempotent',
    });
    expect(srv.seen[0]?.url).toBe('/tyk/keys/eyJvcmciOiJhIn0%3D%2F%2Bx?api_id=a+b');
    expect(srv.seen[0]?.headers['x-tyk-authorization']).toBe('s3cret');
    const line = JSON.parse(log.text().trim().split('\n')[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'tyk call', method: 'GET', path: '/tyk/keys/{id}', status: 200, attempt: 0 });
    expect(line.ms).toBeTypeOf('number');
    expect(log.text()).not.toContain('eyJvcmciOiJhIn0');
    expect(log.text()).not.toContain('s3cret');
  });

  it('turns a reply that does not match its schema into a server error that says where', async () => {
    const srv = await serve(json(200, { keys: 'not-a-list' }));
    const http = createTykHttp({
      baseURL: srv.url,
      headers: {},
      timeoutMs: 1_000,
      retries: 2,
      log: captureLog().log,
      service: 'Tyk Gateway',
    });
    const err = await failure(
      http.call({ method: 'GET', path: '/tyk/keys', schema: z.object({ keys: z.array(z.string()) }), retry: 'idempotent' }),
    );
    expect(err).toMatchObject({ kind: 'server', status: 200, path: '/tyk/keys' });
    expect(err?.toKeybotError().userMessage).toMatch(
      /^Tyk Gateway sent a reply the bot cannot read \(keys: .+\) \(GET \/tyk\/keys, HTTP 200\)\.$/,
    );
    expect(srv.seen).toHaveLength(1);
  });

  it('reads Tyk messages in Gateway, Dashboard and Portal dialects, with key values replaced by fingerprints', async () => {
    const key = new Secret('custom-key-0001');
    for (const [body, expected] of [
      [{ status: 'error', message: 'Key not found' }, 'Key not found'],
      [
        { Status: 'Error', Message: 'access denied: You do not have permission to access  /api/keys/custom-key-0001', Meta: null },
        `access denied: You do not have permission to access  /api/keys/${key.fingerprint}`,
      ],
      [
        { status: 'error', errors: ['KeyID custom-key-0001 is taken', 'plan not found'] },
        `KeyID ${key.fingerprint} is taken; plan not found`,
      ],
    ] as const) {
      const srv = await serve(json(404, body));
      const http = createTykHttp({ baseURL: srv.url, headers: {}, timeoutMs: 1_000, retries: 0, log: captureLog().log });
      const err = await failure(
        http.call({ method: 'GET', path: '/api/keys/{id}', params: { id: key }, schema: z.unknown(), retry: 'idempotent' }),
      );
      expect(err?.tykMessage).toBe(expected);
      expect(JSON.stringify(err)).not.toContain(key.reveal());
    }
  });

  it('keeps a short plain-text error body, as the gateway router sends for unknown paths', async () => {
    const srv = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 page not found\n');
    });
    const http = createTykHttp({ baseURL: srv.url, headers: {}, timeoutMs: 1_000, retries: 0, log: captureLog().log });
    expect((await failure(http.call({ method: 'GET', path: '/tyk/nothing', schema: z.unknown(), retry: 'idempotent' })))?.tykMessage).toBe(
      '404 page not found',
    );
  });

  it('uses a swapped credential header from the next call on', async () => {
    const srv = await serve(json(200, {}));
    const http = createTykHttp({
      baseURL: srv.url,
      headers: { Authorization: new Secret('old') },
      timeoutMs: 1_000,
      retries: 0,
      log: captureLog().log,
    });
    http.setHeader('Authorization', new Secret('new'));
    await http.call({ method: 'GET', path: '/api/users/me', schema: z.unknown(), retry: 'idempotent' });
    expect(srv.seen[0]?.headers.authorization).toBe('new');
  });
});

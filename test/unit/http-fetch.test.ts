import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { httpFetch } from '../../src/slack/http-fetch.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

const serve = async (handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<string> => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => handler(req, body, res));
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

describe('httpFetch (the Slack clients’ fetch over node:http)', () => {
  it('sends method, headers and body, and answers like fetch: status, headers, text and json', async () => {
    const url = await serve((req, body, res) => {
      res.writeHead(201, 'Made', { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write' });
      res.end(JSON.stringify({ method: req.method, type: req.headers['content-type'], auth: req.headers.authorization, body }));
    });
    const res = await httpFetch()(`${url}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer xoxb-1' },
      body: '{"text":"hi ✓"}',
    });
    expect([res.status, res.statusText, res.ok]).toEqual([201, 'Made', true]);
    expect(res.headers.get('x-oauth-scopes')).toBe('chat:write');
    expect(res.url).toBe(`${url}/api/chat.postMessage`);
    expect(await res.json()).toEqual({ method: 'POST', type: 'application/json', auth: 'Bearer xoxb-1', body: '{"text":"hi ✓"}' });
  });

  it('decompresses a gzip answer and reads an error status without throwing', async () => {
    const url = await serve((_req, _body, res) => {
      res.writeHead(500, { 'content-encoding': 'gzip' });
      res.end(gzipSync('broken'));
    });
    const res = await httpFetch()(url, { method: 'POST', body: 'x=1' });
    expect([res.status, res.ok, await res.text()]).toEqual([500, false, 'broken']);
  });

  it('fails as fetch does: TypeError with the network error as cause, or the signal’s reason on a time-out', async () => {
    const refused = await httpFetch()('http://127.0.0.1:1/', { method: 'POST', body: '' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TypeError);
    expect((refused as Error).message).toBe('fetch failed');
    expect(((refused as Error).cause as { code?: string }).code).toBe('ECONNREFUSED');

    const url = await serve(() => undefined); // never answers
    const late = await httpFetch()(url, { method: 'POST', body: '', signal: AbortSignal.timeout(50) }).catch((e: unknown) => e);
    expect((late as Error).name).toBe('TimeoutError');
  });

  it('leaves what it does not handle (a form upload, a redirect) to the fetch it was given', async () => {
    const seen: string[] = [];
    const fallback = async (u: string | URL) => {
      seen.push(String(u));
      return new Response('from fallback');
    };
    const url = await serve((_req, _body, res) => res.writeHead(302, { location: '/elsewhere' }).end());
    const redirected = await httpFetch(fallback)(url, { method: 'POST', body: '' });
    expect(await redirected.text()).toBe('from fallback');
    // what the Web API client asks for: a redirect is refused as fetch refuses it, and not sent again
    await expect(httpFetch(fallback)(url, { method: 'POST', body: '', redirect: 'error' })).rejects.toThrow('fetch failed');
    expect((await httpFetch(fallback)(url, { method: 'POST', body: '', redirect: 'manual' })).status).toBe(302);
    const form = new FormData();
    form.append('file', 'data');
    await httpFetch(fallback)(url, { method: 'POST', body: form });
    expect(seen).toEqual([url, url]);
  });
});

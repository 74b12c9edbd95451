import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { FetchFunction } from '@slack/web-api';

type FetchInit = NonNullable<Parameters<FetchFunction>[1]>;

/**
 * The `fetch` the Slack Web API client and Bolt's `respond()` are given: the same calls sent over
 * `node:http` with keep-alive agents. Node's built-in fetch (undici) cost about a tenth of the
 * bot's busy main thread under the ack load (a profile of `BENCH_ONLY=ack`): its streams, abort
 * wiring and per-request objects, for two small JSON POSTs per command. Only what those callers
 * send is handled here (a string or byte body, plain headers); anything else (a multipart file
 * upload) goes to the built-in fetch, and so does an answer that redirects when the caller asked to
 * follow it (`redirect: 'error'`, what the Web API client asks, refuses it here). Compressed answers are decompressed as fetch would. A failure is reported as
 * the built-in one reports it: a `TypeError('fetch failed')` with the network error as `cause`,
 * or the signal's reason when it aborted (a time-out).
 */
export function httpFetch(fallback: FetchFunction = (url, init) => fetch(url, init)): FetchFunction {
  // no cap on sockets, as the built-in fetch has none: the Web API client bounds its own calls in flight
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  return (input, init = {}) => {
    const url = typeof input === 'string' ? new URL(input) : input;
    const body = init.body;
    const simpleBody = body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
    const headers = plainHeaders(init.headers);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !simpleBody || headers === undefined) return fallback(input, init);
    return send(url, init, headers, body as string | Uint8Array | undefined | null, agents[url.protocol]).then((r) => {
      if (r.status < 300 || r.status >= 400 || !r.headers.has('location') || init.redirect === 'manual') return r;
      // the Web API client asks for `redirect: 'error'`: refused as fetch refuses it, never sent twice
      if (init.redirect === 'error')
        throw new TypeError('fetch failed', { cause: new Error(`redirected to another address (${r.status})`) });
      return fallback(input, init);
    });
  };
}

/** Header names and values as node:http takes them, or undefined for a form this does not handle. */
function plainHeaders(h: FetchInit['headers']): Record<string, string> | undefined {
  if (h === undefined) return {};
  if (h instanceof Headers) return Object.fromEntries(h.entries());
  if (Array.isArray(h)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (typeof v !== 'string' && typeof v !== 'number') return undefined;
    out[k] = String(v);
  }
  return out;
}

function send(
  url: URL,
  init: FetchInit,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined | null,
  agent: http.Agent,
): Promise<Response> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const payload = body === undefined || body === null ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
  const lower = new Set(Object.keys(headers).map((k) => k.toLowerCase()));
  if (payload !== undefined && !lower.has('content-length')) headers['content-length'] = String(payload.byteLength);
  if (typeof body === 'string' && !lower.has('content-type')) headers['content-type'] = 'text/plain;charset=UTF-8';
  if (!lower.has('accept')) headers['accept'] = '*/*';
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      reject(err);
    };
    const req = lib.request(url, { method: init.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => fail(new TypeError('fetch failed', { cause: e })));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        try {
          resolve(toResponse(url, res, Buffer.concat(chunks)));
        } catch (e) {
          reject(new TypeError('fetch failed', { cause: e }));
        }
      });
    });
    const onAbort = () => {
      fail(signal?.reason);
      req.destroy();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    // without a signal (Bolt's respond()), a silent server is given up on as the built-in fetch does
    if (!signal) req.setTimeout(SILENT_SERVER_MS, () => req.destroy(new Error(`no answer within ${SILENT_SERVER_MS / 1000} s`)));
    req.on('error', (e) => fail(new TypeError('fetch failed', { cause: e })));
    req.end(payload);
  });
}

/** How long a call without a signal waits for a silent server: undici's own headers and body time-outs. */
const SILENT_SERVER_MS = 300_000;

const NO_BODY = new Set([101, 204, 205, 304]);

const decode = (encoding: string | undefined, data: Buffer): Buffer => {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === 'gzip' || e === 'x-gzip') return gunzipSync(data);
  if (e === 'deflate') return inflateSync(data);
  if (e === 'br') return brotliDecompressSync(data);
  return data;
};

function toResponse(url: URL, res: http.IncomingMessage, data: Buffer): Response {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  const status = res.statusCode ?? 0;
  const body = NO_BODY.has(status) || data.length === 0 ? null : decode(res.headers['content-encoding'], data);
  const response = new Response(body, { status, statusText: res.statusMessage ?? '', headers });
  // fetch's answer names the URL it came from (the Web API client reads it for one method)
  Object.defineProperty(response, 'url', { value: url.href });
  return response;
}

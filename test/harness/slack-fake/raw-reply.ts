import type { ServerResponse } from 'node:http';
import type { Fault } from './faults.js';
import type { Reply } from './reply.js';

/** A reply that is not a Web API JSON body: uploads, downloads, sign-in redirects, edge errors. */
export interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
  /** a body written over time (no Content-Length): gets the response once the headers are out */
  stream?: (res: ServerResponse) => void;
}

export const jsonReply = (r: Reply): RawReply => ({
  status: r.status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...r.headers },
  body: JSON.stringify(r.body),
});

export const htmlReply = (status: number, html: string, headers: Record<string, string> = {}): RawReply => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
  body: html,
});

/**
 * 429 carries Retry-After and Slack's `ratelimited` body; a 5xx is the HTML page Slack's edge
 * serves, not JSON, so a client that parses every body as JSON finds out here.
 */
export function faultReply(f: Fault): RawReply {
  if (f.kind === 'ratelimited') {
    return jsonReply({ status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(f.retryAfterSeconds) } });
  }
  return htmlReply(f.status, `<html><head><title>Server Error</title></head><body><h1>${f.status} Server Error</h1></body></html>`);
}

export const faultError = (f: Fault): string => (f.kind === 'ratelimited' ? 'ratelimited' : `http_${f.status}`);

export function send(res: ServerResponse, r: RawReply): void {
  if (r.stream) {
    res.writeHead(r.status, r.headers);
    r.stream(res);
    return;
  }
  const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
  res.writeHead(r.status, { ...r.headers, 'content-length': String(body.length) });
  res.end(body);
}

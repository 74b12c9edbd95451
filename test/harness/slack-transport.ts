import http from 'node:http';
import type { SlackFake } from './slack-fake/index.js';
import { signSlackRequest } from './slack-sign.js';

/** What Slack saw of the app's answer: the HTTP status and body, or over Socket Mode 200 and the ack's payload. */
export interface Delivery {
  status: number;
  body: string;
}

/** One delivery: a slash command's fields, an interaction payload (clicks, submissions), an Events API envelope. */
export type DeliveryKind = 'command' | 'interaction' | 'event';

/** How Slack's deliveries reach the app: signed HTTP posts to the request URL, or envelopes on the Socket Mode connection. */
export interface SlackTransport {
  deliver(kind: DeliveryKind, payload: Record<string, unknown>): Promise<Delivery>;
  /** An HTTP post of exactly these bytes and headers (forgery and replay tests); HTTP only. */
  raw(body: string, headers: Record<string, string>): Promise<Delivery>;
  /** The last signed request sent, as an eavesdropper would have captured it; HTTP only. */
  lastSent(): { body: string; headers: Record<string, string> } | undefined;
}

export interface HttpTransportOptions {
  appUrl: string;
  signingSecret: string;
  /** Bolt's receiver path; the app serves commands, interactivity and events on one URL */
  path?: string;
  nowSeconds?: () => number;
}

/** Slack's HTTP side: commands and interactions as signed forms, events as signed JSON. */
export function httpTransport(o: HttpTransportOptions): SlackTransport {
  const url = `${o.appUrl.replace(/\/$/, '')}${o.path ?? '/slack/events'}`;
  const now = o.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  let last: { body: string; headers: Record<string, string> } | undefined;
  const agent = new http.Agent({ keepAlive: true });
  const raw = (body: string, headers: Record<string, string>) => post(url, body, headers, agent);
  const signed = (body: string, contentType: string) => {
    last = { body, headers: { 'content-type': contentType, ...signSlackRequest(o.signingSecret, body, now()) } };
    return raw(body, last.headers);
  };
  const form = 'application/x-www-form-urlencoded';
  return {
    raw,
    lastSent: () => last,
    deliver(kind, payload) {
      if (kind === 'event') return signed(JSON.stringify(payload), 'application/json');
      const fields = kind === 'command' ? (payload as Record<string, string>) : { payload: JSON.stringify(payload) };
      return signed(new URLSearchParams(fields).toString(), form);
    },
  };
}

/**
 * One POST over `node:http`, kept lean because it is also the ack bench's load generator: through
 * Node's built-in fetch the senders' own work was most of what they timed (the bench's floor, the
 * same senders against a server that answers at once, p99 38-48 ms with fetch, 17-19 ms without),
 * and through a fetch-shaped `Response` still 26-27 ms.
 */
function post(url: string, body: string, headers: Record<string, string>, agent: http.Agent): Promise<Delivery> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const ENVELOPE_TYPE = { command: 'slash_commands', interaction: 'interactive', event: 'events_api' } as const;

/**
 * Slack's Socket Mode side: each delivery is an envelope on the app's connection (waiting for one
 * while the app reconnects), and the ack's payload stands for the HTTP answer's body.
 */
export function socketTransport(fake: SlackFake): SlackTransport {
  const httpOnly = (what: string) => () => {
    throw new Error(`${what} is an HTTP-mode check; Socket Mode deliveries are not signed requests`);
  };
  return {
    raw: httpOnly('raw()'),
    lastSent: httpOnly('lastSent()'),
    async deliver(kind, payload) {
      await fake.socket.waitForConnection();
      const answer = await fake.socket.send(ENVELOPE_TYPE[kind], payload);
      return { status: 200, body: Object.keys(answer).length > 0 ? JSON.stringify(answer) : '' };
    },
  };
}

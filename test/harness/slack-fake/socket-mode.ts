import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { RecordedCall } from './types.js';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';
export type DisconnectReason = 'refresh_requested' | 'warning' | 'link_disabled';

interface Waiting {
  resolve(payload: Record<string, unknown>): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

/** Slack waits 3 s for an ack, then retries (events) or shows the user an error (commands, clicks). */
const ACK_TIMEOUT_MS = 3_000;
/** Slack pings each connection; the client treats a long silence as a dead link and reconnects. */
const PING_EVERY_MS = 10_000;

/**
 * Slack's Socket Mode side: apps.connections.open hands out one-use wss URLs (ws:// on 127.0.0.1
 * here); a connection gets `hello`; envelopes go out and wait for the app's `{envelope_id, payload}`
 * ack; `disconnect` asks the app to reconnect through apps.connections.open.
 */
export class SocketModeSide {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #tickets = new Set<string>();
  readonly #open = new Set<WebSocket>();
  readonly #waiting = new Map<string, Waiting>();
  #latest: WebSocket | undefined;
  /** connections accepted so far (a reconnection adds one) */
  accepted = 0;

  constructor(
    private readonly wsBase: () => string,
    private readonly appId: string,
    private readonly record: (c: RecordedCall) => void,
  ) {}

  /** The URL apps.connections.open answers: good for one connection. */
  issueUrl(): string {
    const ticket = randomBytes(12).toString('hex');
    this.#tickets.add(ticket);
    return `${this.wsBase()}link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !this.#tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws));
  }

  #accept(ws: WebSocket): void {
    this.accepted += 1;
    this.#open.add(ws);
    this.#latest = ws;
    const ping = setInterval(() => ws.ping(), PING_EVERY_MS).unref();
    ws.on('message', (data) => this.#onMessage(String(data)));
    ws.on('close', () => {
      clearInterval(ping);
      this.#open.delete(ws);
      if (this.#latest === ws) this.#latest = [...this.#open].at(-1);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.#open.size,
        debug_info: { host: 'slack-fake', build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: this.appId },
      }),
    );
  }

  #onMessage(text: string): void {
    let msg: { envelope_id?: unknown; payload?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      this.record({ method: 'socket_ack', args: { body: text }, ok: false, error: 'invalid_json', status: 400, at: Date.now() });
      return;
    }
    const id = typeof msg.envelope_id === 'string' ? msg.envelope_id : '';
    const payload = typeof msg.payload === 'object' && msg.payload !== null ? (msg.payload as Record<string, unknown>) : {};
    const waiting = this.#waiting.get(id);
    this.record({
      method: 'socket_ack',
      args: { envelope_id: id, ...payload },
      ok: Boolean(waiting),
      status: 200,
      at: Date.now(),
      ...(waiting ? {} : { error: 'unknown_envelope' }),
    });
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.#waiting.delete(id);
    waiting.resolve(payload);
  }

  get connected(): boolean {
    return this.#latest !== undefined;
  }

  /** Sends one envelope on the newest connection and resolves with the payload of the app's ack. */
  send(type: EnvelopeType, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    const ws = this.#latest;
    if (!ws) return Promise.reject(new Error('no Socket Mode connection is open'));
    const envelopeId = randomUUID();
    // Slack takes a response payload in the ack of commands and view submissions, not of clicks or events.
    const acceptsResponse = type === 'slash_commands' || (type === 'interactive' && payload.type === 'view_submission');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(envelopeId);
        reject(new Error(`the app did not acknowledge the ${type} envelope within ${ACK_TIMEOUT_MS} ms`));
      }, ACK_TIMEOUT_MS);
      this.#waiting.set(envelopeId, { resolve, reject, timer });
      ws.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: acceptsResponse,
          retry_attempt: 0,
          retry_reason: '',
        }),
      );
    });
  }

  /** Slack's `disconnect` message; the app is expected to close and connect again with a fresh URL. */
  disconnect(reason: DisconnectReason): void {
    const ws = this.#latest;
    if (!ws) throw new Error('no Socket Mode connection is open');
    ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'slack-fake' } }));
  }

  /** Drops every connection without a word, as a network failure would. */
  drop(): void {
    for (const ws of this.#open) ws.terminate();
  }

  close(): void {
    for (const w of this.#waiting.values()) {
      clearTimeout(w.timer);
      w.reject(new Error('the Slack fake closed'));
    }
    this.#waiting.clear();
    this.drop();
    this.#wss.close();
  }
}

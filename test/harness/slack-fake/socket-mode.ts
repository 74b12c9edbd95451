import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { RecordedCall } from './types.js';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';
export type DisconnectReason = 'refresh_requested' | 'warning' | 'link_disabled';

interface Waiting {
  type: EnvelopeType;
  acceptsResponse: boolean;
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
 * here); a connection gets `hello`; envelopes go out and wait up to 3 s for the app's
 * `{envelope_id, payload}` ack; `disconnect` asks the app to reconnect through apps.connections.open.
 * Acks are recorded in the fake's calls as `socket_ack`: on time, late, missing, or carrying a
 * response payload the envelope does not take.
 */
export class SocketModeSide {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #tickets = new Set<string>();
  readonly #open = new Set<WebSocket>();
  readonly #waiting = new Map<string, Waiting>();
  readonly #timedOut = new Set<string>();
  #latest: WebSocket | undefined;
  #refusals: number[] = [];
  /** connections accepted so far, each greeted with `hello` (a reconnection adds one) */
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

  /** The next `n` WebSocket handshakes are refused with `status` (Slack's edge having a bad day). */
  refuseConnections(n: number, status = 503): void {
    for (let i = 0; i < n; i += 1) this.#refusals.push(status);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    const refusal = this.#refusals.shift();
    const valid = url.pathname === '/link/' && this.#tickets.delete(ticket);
    const status = refusal ?? (valid ? undefined : 401);
    if (status !== undefined) {
      this.record({ method: 'socket_connect', args: {}, ok: false, error: `http_${status}`, status, at: Date.now() });
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws));
  }

  #accept(ws: WebSocket): void {
    this.accepted += 1;
    this.#open.add(ws);
    this.#latest = ws;
    this.record({ method: 'socket_connect', args: {}, ok: true, status: 101, at: Date.now() });
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
      this.#recordAck({ body: text }, 'invalid_json');
      return;
    }
    const id = typeof msg.envelope_id === 'string' ? msg.envelope_id : '';
    const payload = typeof msg.payload === 'object' && msg.payload !== null ? (msg.payload as Record<string, unknown>) : {};
    const waiting = this.#waiting.get(id);
    if (!waiting) {
      this.#recordAck({ envelope_id: id, ...payload }, this.#timedOut.has(id) ? 'ack_after_timeout' : 'unknown_envelope');
      return;
    }
    clearTimeout(waiting.timer);
    this.#waiting.delete(id);
    // Slack ignores a response payload on an envelope that takes none; the app's answer is lost.
    const ignored = !waiting.acceptsResponse && Object.keys(payload).length > 0;
    this.#recordAck({ envelope_id: id, type: waiting.type, ...payload }, ignored ? 'response_payload_not_accepted' : undefined);
    waiting.resolve(ignored ? {} : payload);
  }

  #recordAck(args: Record<string, unknown>, error?: string): void {
    this.record({ method: 'socket_ack', args, ok: !error, status: error ? 400 : 200, at: Date.now(), ...(error ? { error } : {}) });
  }

  get connected(): boolean {
    return this.#latest !== undefined;
  }

  /** Resolves once a connection is open (the app may still be connecting or reconnecting). */
  async waitForConnection(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.#latest) {
      if (Date.now() > deadline) throw new Error(`no Socket Mode connection opened within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
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
        this.#timedOut.add(envelopeId);
        this.#recordAck({ envelope_id: envelopeId, type }, 'ack_timeout');
        reject(new Error(`the app did not acknowledge the ${type} envelope within ${ACK_TIMEOUT_MS} ms`));
      }, ACK_TIMEOUT_MS);
      this.#waiting.set(envelopeId, { type, acceptsResponse, resolve, reject, timer });
      ws.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: acceptsResponse,
          ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
        }),
      );
    });
  }

  /**
   * Slack's `disconnect` message on the newest connection. Slack then closes that connection
   * itself: at once for `refresh_requested`, some seconds later for `warning` (`closeAfterMs`).
   * The app is expected to connect again with a fresh URL from apps.connections.open.
   */
  disconnect(reason: DisconnectReason, o: { closeAfterMs?: number } = {}): void {
    const ws = this.#latest;
    if (!ws) throw new Error('no Socket Mode connection is open');
    ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'slack-fake' } }));
    setTimeout(() => ws.close(1000, reason), o.closeAfterMs ?? (reason === 'warning' ? 10_000 : 0)).unref();
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

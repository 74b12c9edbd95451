import type { SocketModeReceiver } from '@slack/bolt';
import type { Log } from '../log.js';

export interface SocketConnectionOptions {
  receiver: SocketModeReceiver;
  log: Log;
  /** where apps.connections.open goes (SLACK_API_URL or Slack's own), for the log */
  openUrl: string;
  /** first wait after a failed attempt, doubled each time up to maxDelayMs */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

const withoutSocketUrls = (text: string) => text.replace(/wss?:\/\/\S+/g, '<socket URL>');

/**
 * Why a connection attempt failed, in words, without the wss URL (its ticket is a credential).
 * A refused WebSocket rejects with nothing; the client's last `error` event tells it from a plain close.
 */
function reasonOf(e: unknown, socketError: string | undefined): string {
  const err = e as {
    code?: string;
    data?: { error?: string };
    statusCode?: number;
    original?: { code?: string; message?: string };
    message?: string;
  };
  if (err?.data?.error) return `Slack answered ${err.data.error}`;
  if (err?.statusCode) return `Slack answered HTTP ${err.statusCode}`;
  if (err?.original?.code) return `could not reach it (${err.original.code})`;
  if (err?.message) return withoutSocketUrls(String(err.message));
  // undici's failed handshake carries no status or message (an empty TypeError, close code 1006).
  if (socketError === undefined) return "the WebSocket closed before Slack's hello";
  return `the WebSocket connection failed before Slack's hello${socketError ? ` (${withoutSocketUrls(socketError)})` : ' (refused or dropped)'}`;
}

/** The WebSocket's address without its query (the one-use ticket), for the log. */
function socketAddress(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return undefined;
  }
}

// long: a factory: connect, reconnect and stop share the backoff state
/**
 * Keeps one Socket Mode connection up. Bolt's client reconnects after Slack's `disconnect`, but a
 * failed apps.connections.open or a refused WebSocket stops it for good (and its own retry can
 * reject unhandled), so the bot turns auto-reconnect off and runs this loop instead: every
 * failure is logged with the URL (and the WebSocket's, once apps.connections.open gave one) and
 * why, and the HTTP server (/healthz) keeps answering meanwhile.
 */
export function socketConnection(o: SocketConnectionOptions) {
  const client = o.receiver.client;
  const firstDelayMs = o.firstDelayMs ?? 500;
  const maxDelayMs = o.maxDelayMs ?? 30_000;
  let stopping = false;
  let connecting: Promise<void> | null = null;
  let connected = false;
  let timer: NodeJS.Timeout | undefined;
  const sleep = (ms: number) => new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  // What the current attempt got so far: the WebSocket's address and the last WebSocket error.
  let socketUrl: string | undefined;
  let socketError: string | undefined;
  client.on('authenticated', (resp: { url?: unknown }) => {
    socketUrl = socketAddress(resp?.url);
  });
  client.on('error', (e: unknown) => {
    socketError = e instanceof Error ? e.message : String(e);
  });

  const loop = async (): Promise<void> => {
    for (let attempt = 0; !stopping; attempt++) {
      socketUrl = undefined;
      socketError = undefined;
      try {
        await client.start();
        connected = true;
        o.log.info({ url: o.openUrl, attempt }, 'Socket Mode connected');
        return;
      } catch (e) {
        if (stopping) return;
        const delayMs = Math.min(maxDelayMs, firstDelayMs * 2 ** attempt);
        const where = { url: o.openUrl, ...(socketUrl ? { socketUrl } : {}) };
        o.log.warn({ ...where, reason: reasonOf(e, socketError), attempt, retryInMs: delayMs }, 'Socket Mode connection failed; retrying');
        await sleep(delayMs);
      }
    }
  };

  const connect = (): Promise<void> => {
    connecting ??= loop().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  // Slack's `disconnect` (refresh_requested, warning) and a dropped link both end here.
  client.on('disconnected', () => {
    if (stopping || connecting) return;
    connected = false;
    o.log.info({ url: o.openUrl }, 'Socket Mode connection closed; reconnecting');
    void connect();
  });

  return {
    /** Starts connecting in the background; resolves once the first attempt has run (not once connected). */
    start(): void {
      void connect();
    },
    get connected(): boolean {
      return connected;
    },
    async stop(): Promise<void> {
      stopping = true;
      clearTimeout(timer);
      await client.disconnect().catch(() => undefined);
    },
  };
}

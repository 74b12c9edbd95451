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

/** Why a connection attempt failed, in words, without the wss URL (its ticket is a credential). */
function reasonOf(e: unknown): string {
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
  return err?.message ? String(err.message).replace(/wss?:\/\/\S+/g, '<socket URL>') : 'the WebSocket closed';
}

/**
 * Keeps one Socket Mode connection up. Bolt's client reconnects after Slack's `disconnect`, but a
 * failed apps.connections.open or a refused WebSocket stops it for good (and its own retry can
 * reject unhandled), so the bot turns auto-reconnect off and runs this loop instead: every
 * failure is logged with the URL and why, and the HTTP server (/healthz) keeps answering meanwhile.
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

  const loop = async (): Promise<void> => {
    for (let attempt = 0; !stopping; attempt++) {
      try {
        await client.start();
        connected = true;
        o.log.info({ url: o.openUrl, attempt }, 'Socket Mode connected');
        return;
      } catch (e) {
        if (stopping) return;
        const delayMs = Math.min(maxDelayMs, firstDelayMs * 2 ** attempt);
        o.log.warn({ url: o.openUrl, reason: reasonOf(e), attempt, retryInMs: delayMs }, 'Socket Mode connection failed; retrying');
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

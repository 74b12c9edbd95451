import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { FetchFunction, WebClient } from '@slack/web-api';
import { type AckFirst, noDeliveries } from '../ack-first.js';
import type { Config } from '../config.js';
import { describeError } from '../describe-error.js';
import type { Log } from '../log.js';
import { boltLogger } from './bolt-logger.js';
import { httpFetch } from './http-fetch.js';
import { refuseNonCanonical, replayGuard, type SeenDeliveries, signatureOf } from './replay-guard.js';
import { socketConnection } from './socket-connection.js';

/** An operations endpoint (GET /healthz, /readyz, /metrics) served beside Slack's. */
export interface OpsRoute {
  path: string;
  handler(req: IncomingMessage, res: ServerResponse): void;
}

export interface SlackAppOptions {
  config: Config;
  log: Log;
  routes: readonly OpsRoute[];
  /** handled deliveries, for the replay guard */
  seen: SeenDeliveries;
  /** told whenever the Slack Web API sent any HTTP reply (readiness) */
  onWebApiAnswer?: () => void;
  /** Socket Mode reconnection backoff (tests shorten it) */
  reconnect?: { firstDelayMs?: number; maxDelayMs?: number };
  /** counts deliveries until their listener starts; Web API replies wait for `turn()` (ack-first.ts) */
  acks?: AckFirst;
  /** told the seconds from each delivery's arrival to its ack: the 2xx answer over HTTP, the ack frame in Socket Mode */
  onAck?: (seconds: number) => void;
}

/** An envelope not acked within this long is forgotten (Slack has given up on it after 3 s). */
const ENVELOPE_KEPT_MS = 10_000;

/**
 * How long the request URL keeps an idle connection open: longer than the load balancers put in
 * front of it keep theirs (AWS ALB 60 s), so a balancer never sends a request down a connection the
 * bot is closing, and a busy bot is not sent a new connection per request (Node's own 5 s).
 */
const KEEP_ALIVE_MS = 65_000;

/** Slack's own Web API when SLACK_API_URL is not set. */
export const SLACK_API_DEFAULT = 'https://slack.com/api';

/**
 * The client options every Slack Web API call uses, the Socket Mode client's apps.connections.open
 * included: so SLACK_API_URL points all of them at the same place.
 */
function clientOptions(config: Config, onAnswer: () => void, acks: AckFirst) {
  // Any HTTP reply, an error status included, shows Slack is up and talking to us.
  const send = httpFetch();
  const fetchAndTell: FetchFunction = async (url, init) => {
    const res = await send(url, init);
    onAnswer();
    // what the reply resumes is work after an ack: deliveries waiting for theirs go first
    await acks.turn();
    return res;
  };
  return {
    ...(config.slack.apiUrl ? { slackApiUrl: `${config.slack.apiUrl}/` } : {}),
    fetch: fetchAndTell,
    // Jobs retry on their own schedule; the client should not sit on one call for half an hour.
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
    timeout: 10_000,
  };
}

/** The Bolt app over HTTP or Socket Mode, with the ops routes on the same port. */
export interface SlackApp {
  /** the Bolt app the listeners register on */
  app: App;
  /** the Web API client the notifier and the directory post and look up with */
  client: WebClient;
  /** how Slack reaches the bot */
  mode: 'socket' | 'http';
  /** whether Socket Mode is connected right now (HTTP mode: always true) */
  readonly connected: boolean;
  /** starts listening; resolves with the bound port (PORT=0 picks a free one); Socket Mode connects in the background */
  start(): Promise<number>;
  /** stops listening (and disconnects Socket Mode) */
  stop(): Promise<void>;
}

// long: a factory: start and stop share the receiver, the socket and the ops server
/**
 * The Bolt app, in HTTP mode (signing secret; POST /slack/events and the ops routes on PORT) or in
 * Socket Mode when SLACK_APP_TOKEN is set (then the ops routes get a small server of their own,
 * listening before the socket connects). Bolt's receiver checks signature and timestamp before
 * any listener runs; headers not in Slack's exact form are refused before that (replay-guard.ts).
 */
export function createSlackApp(o: SlackAppOptions): SlackApp {
  const { config } = o;
  const logger = boltLogger(o.log);
  const socketMode = Boolean(config.slack.appToken);
  const acks = o.acks ?? noDeliveries;
  const client = clientOptions(config, o.onWebApiAnswer ?? (() => undefined), acks);
  // a delivery counts as waiting from its arrival to its first middleware (`arrival` in its context)
  const arrivals = new WeakMap<IncomingMessage, () => void>();
  // Socket Mode: an envelope counts from its arrival to its listener the same way; its ack is the frame sent with its envelope_id
  const envelopes = new Map<string, { since: number; release: () => void }>();
  const receiver = socketMode
    ? new SocketModeReceiver({
        appToken: config.slack.appToken?.reveal() as string,
        logger,
        // reconnection is socketConnection's job; one Web API attempt per connection attempt
        autoReconnectEnabled: false,
        installerOptions: { clientOptions: { ...client, retryConfig: { retries: 0 } } },
        // called as the envelope is received, before Bolt's middleware runs
        customPropertiesExtractor: (envelope: { envelope_id?: string }) => {
          const release = acks.arrived();
          const id = envelope.envelope_id;
          if (id) {
            envelopes.set(id, { since: performance.now(), release });
            setTimeout(() => envelopes.delete(id), ENVELOPE_KEPT_MS).unref(); // one never acked is not kept
          }
          return { arrival: release };
        },
      })
    : new HTTPReceiver({
        signingSecret: config.slack.signingSecret?.reveal() as string,
        endpoints: '/slack/events',
        processBeforeResponse: false,
        customRoutes: o.routes.map((r) => ({ path: r.path, method: ['GET'], handler: r.handler })),
        customPropertiesExtractor: (req: IncomingMessage) => ({ ...signatureOf(req), arrival: arrivals.get(req) }),
        logger,
      });
  const onAck = o.onAck ?? (() => undefined);
  if (receiver instanceof HTTPReceiver) {
    const inner = refuseNonCanonical(receiver.requestListener, o.log);
    receiver.requestListener = (req, res) => {
      if (req.method === 'POST') {
        const release = acks.arrived();
        arrivals.set(req, release);
        res.once('close', release); // refused, replayed or unmatched: answered without a listener
        const since = performance.now();
        res.once('finish', () => res.statusCode < 300 && onAck((performance.now() - since) / 1000));
      }
      inner(req, res);
    };
  } else {
    receiver.client.on('outgoing_message', (m: { envelope_id?: string }) => {
      const waiting = m.envelope_id ? envelopes.get(m.envelope_id) : undefined;
      if (!waiting || !m.envelope_id) return;
      envelopes.delete(m.envelope_id);
      waiting.release();
      onAck((performance.now() - waiting.since) / 1000);
    });
  }
  const app = new App({
    token: config.slack.botToken.reveal(),
    receiver,
    logger,
    deferInitialization: true,
    clientOptions: client,
    // No listener keeps conversation state; Bolt's in-memory store would look every event up (and
    // build an Error for each miss) before any listener could ack.
    convoStore: false,
  });
  app.use(async ({ context, next }) => {
    (context as { arrival?: () => void }).arrival?.();
    await next();
  });
  app.use(replayGuard(o.seen, o.log));
  // The backstop for a failure no listener wrapper caught: logged once, under an incident ID when
  // unexpected; rethrown so the receiver still answers Slack as it would.
  app.error(async (error) => {
    describeError((error as { original?: unknown }).original ?? error, o.log);
    throw error;
  });
  const socket =
    receiver instanceof SocketModeReceiver
      ? socketConnection({
          receiver,
          log: o.log,
          openUrl: `${config.slack.apiUrl ?? SLACK_API_DEFAULT}/apps.connections.open`,
          ...o.reconnect,
        })
      : undefined;
  let server: Server | null = null;

  const opsServer = () =>
    createServer((req, res) => {
      const route = req.method === 'GET' ? o.routes.find((r) => r.path === (req.url ?? '').split('?')[0]) : undefined;
      if (route) route.handler(req, res);
      else res.writeHead(404).end();
    });

  return {
    app,
    client: app.client,
    mode: socketMode ? ('socket' as const) : ('http' as const),
    /** whether Socket Mode is connected right now (HTTP mode: always true) */
    get connected(): boolean {
      return socket ? socket.connected : true;
    },
    /** Starts listening; resolves with the bound port (PORT=0 picks a free one). Socket Mode connects in the background. */
    async start(): Promise<number> {
      await app.init();
      if (socket) {
        server = opsServer();
        await new Promise<void>((resolve) => server?.listen({ port: config.slack.port, host: config.slack.host }, resolve));
        socket.start();
      } else {
        server = (await app.start({ port: config.slack.port, host: config.slack.host })) as Server;
        server.keepAliveTimeout = KEEP_ALIVE_MS;
      }
      return (server.address() as AddressInfo).port;
    },
    async stop(): Promise<void> {
      if (socket) {
        await socket.stop();
        if (server) await new Promise((resolve) => server?.close(resolve));
      } else {
        await app.stop().catch(() => undefined);
      }
    },
  };
}

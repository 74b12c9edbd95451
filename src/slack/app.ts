import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Log } from '../log.js';
import { boltLogger } from './bolt-logger.js';
import { type HealthState, healthHandler } from './health.js';
import { replayGuard, signatureOf } from './replay-guard.js';

export interface SlackAppOptions {
  config: Config;
  log: Log;
  health(): HealthState;
}

/**
 * The Bolt app, in HTTP mode (signing secret; POST /slack/events and GET /healthz on PORT) or in
 * Socket Mode when SLACK_APP_TOKEN is set (then /healthz gets a small server of its own).
 * Bolt's receiver checks signature and timestamp before any listener runs.
 */
export function createSlackApp(o: SlackAppOptions) {
  const { config } = o;
  const logger = boltLogger(o.log);
  const health = healthHandler(o.health);
  const socketMode = Boolean(config.slack.appToken);
  const receiver = socketMode
    ? new SocketModeReceiver({ appToken: config.slack.appToken?.reveal() as string, logger })
    : new HTTPReceiver({
        signingSecret: config.slack.signingSecret?.reveal() as string,
        endpoints: '/slack/events',
        processBeforeResponse: false,
        customRoutes: [{ path: '/healthz', method: ['GET'], handler: health }],
        customPropertiesExtractor: signatureOf,
        logger,
      });
  const app = new App({
    token: config.slack.botToken.reveal(),
    receiver,
    logger,
    deferInitialization: true,
    clientOptions: {
      ...(config.slack.apiUrl ? { slackApiUrl: `${config.slack.apiUrl}/` } : {}),
      // Jobs retry on their own schedule; the client should not sit on one call for half an hour.
      retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
      timeout: 10_000,
    },
  });
  app.use(replayGuard(o.log));
  let server: Server | null = null;

  return {
    app,
    client: app.client,
    /** Starts listening; resolves with the bound port (PORT=0 picks a free one). */
    async start(): Promise<number> {
      await app.init();
      if (socketMode) {
        await app.start();
        server = createServer((req, res) => (req.method === 'GET' && req.url === '/healthz' ? health(req, res) : res.writeHead(404).end()));
        await new Promise<void>((resolve) => server?.listen({ port: config.slack.port, host: config.slack.host }, resolve));
      } else {
        server = (await app.start({ port: config.slack.port, host: config.slack.host })) as Server;
      }
      return (server.address() as AddressInfo).port;
    },
    async stop(): Promise<void> {
      await app.stop().catch(() => undefined);
      if (socketMode && server) await new Promise((resolve) => server?.close(resolve));
    },
  };
}

export type SlackApp = ReturnType<typeof createSlackApp>;

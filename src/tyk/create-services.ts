import type { Config } from '../config.js';
import { KeybotError } from '../errors.js';
import type { Log } from '../log.js';
import { createDashboardClient, type DashboardClient } from './dashboard.js';
import { createGatewayClient, type GatewayClient } from './gateway.js';
import type { TykHttpOptions } from './http.js';
import { createKeyStore } from './key-store.js';
import { createPortalClient, type PortalClient } from './portal.js';
import type { TykServices } from './services.js';

export interface TykClients {
  dashboard?: DashboardClient;
  gateway?: GatewayClient;
  portal?: PortalClient;
}

export interface TykClientOptions {
  /** extra attempts after the first; default TYK_RETRIES (the start-up checks ask once) */
  retries?: number;
  /** told about every answer (or failure) of a Tyk API, for metrics and readiness */
  observe?: TykHttpOptions['observe'];
  /** the bot's order of work (src/ack-first.ts): a Tyk reply's work waits while Slack deliveries wait for their ack */
  turn?: TykHttpOptions['turn'];
}

/** The clients the configuration names, nothing more: no call is made. */
export function createTykClients(config: Pick<Config, 'tyk'>, log: Log, o: TykClientOptions = {}): TykClients {
  const { tyk } = config;
  const common = {
    timeoutMs: tyk.timeoutMs,
    retries: o.retries ?? tyk.retries,
    log: log.child({ component: 'tyk' }),
    observe: o.observe,
    turn: o.turn,
  };
  return {
    dashboard: tyk.dashboard
      ? createDashboardClient({ ...common, url: tyk.dashboard.url, apiKey: tyk.dashboard.apiKey, adminSecret: tyk.dashboard.adminSecret })
      : undefined,
    gateway: tyk.gateway ? createGatewayClient({ ...common, url: tyk.gateway.url, secret: tyk.gateway.secret }) : undefined,
    portal: tyk.portal
      ? createPortalClient({ ...common, url: tyk.portal.url, token: tyk.portal.token, authTokenType: tyk.portal.authTokenType })
      : undefined,
  };
}

/**
 * Builds the clients the configuration names. Without TYK_ORG_ID the org is the Dashboard user's
 * (docs/design.md "Configuration"); a key only works if its org is its APIs' org (docs/tyk-api.md §1.2).
 */
export async function createTykServices(config: Pick<Config, 'tyk'>, log: Log, o: TykClientOptions = {}): Promise<TykServices> {
  const { dashboard, gateway, portal } = createTykClients(config, log, o);
  const orgId = config.tyk.orgId ?? (dashboard ? (await dashboard.me()).orgId : undefined);
  if (!orgId)
    throw new KeybotError(
      'NOT_CONFIGURED',
      'TYK_ORG_ID is not set and the Dashboard user has no org; set TYK_ORG_ID to the org of your APIs.',
    );
  return { keys: createKeyStore({ dashboard, gateway, orgId }), dashboard, gateway, portal };
}

import type { Config } from '../config.js';
import { KeybotError } from '../errors.js';
import type { Log } from '../log.js';
import { createDashboardClient } from './dashboard.js';
import { createGatewayClient } from './gateway.js';
import { createKeyStore } from './key-store.js';
import { createPortalClient } from './portal.js';
import type { TykServices } from './services.js';

/**
 * Builds the clients the configuration names. Without TYK_ORG_ID the org is the Dashboard user's
 * (DESIGN "Configuration"); a key only works if its org is its APIs' org (tyk/README.md 1.2).
 */
export async function createTykServices(config: Pick<Config, 'tyk'>, log: Log): Promise<TykServices> {
  const { tyk } = config;
  const common = { timeoutMs: tyk.timeoutMs, retries: tyk.retries, log: log.child({ component: 'tyk' }) };
  const dashboard = tyk.dashboard
    ? createDashboardClient({ ...common, url: tyk.dashboard.url, apiKey: tyk.dashboard.apiKey, adminSecret: tyk.dashboard.adminSecret })
    : undefined;
  const gateway = tyk.gateway ? createGatewayClient({ ...common, url: tyk.gateway.url, secret: tyk.gateway.secret }) : undefined;
  const portal = tyk.portal
    ? createPortalClient({ ...common, url: tyk.portal.url, token: tyk.portal.token, authTokenType: tyk.portal.authTokenType })
    : undefined;
  const orgId = tyk.orgId ?? (dashboard ? (await dashboard.me()).orgId : undefined);
  if (!orgId)
    throw new KeybotError(
      'NOT_CONFIGURED',
      'TYK_ORG_ID is not set and the Dashboard user has no org; set TYK_ORG_ID to the org of your APIs.',
    );
  return { keys: createKeyStore({ dashboard, gateway, orgId }), dashboard, gateway, portal };
}

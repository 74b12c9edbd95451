import type { DashboardClient } from './dashboard.js';
import type { GatewayClient } from './gateway.js';
import type { KeyStore } from './key-store.js';
import type { PortalClient } from './portal.js';

/**
 * The Tyk parts this deployment has. `keys` is the Dashboard when configured, else the Gateway;
 * the other clients are present only when their URL is set, so a workflow that needs one says
 * plainly that it is not configured.
 */
export interface TykServices {
  keys: KeyStore;
  gateway?: GatewayClient;
  dashboard?: DashboardClient;
  portal?: PortalClient;
}

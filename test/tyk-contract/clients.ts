import type { Log } from '../../src/log.js';
import { Secret } from '../../src/secret.js';
import { type DashboardClient, createDashboardClient } from '../../src/tyk/dashboard.js';
import { type GatewayClient, createGatewayClient } from '../../src/tyk/gateway.js';
import { type PortalClient, createPortalClient } from '../../src/tyk/portal.js';
import type { TykEmulator } from '../harness/tyk-emulator/index.js';
import { captureLog } from './capture-log.js';

export interface Clients {
  gateway: GatewayClient;
  dashboard: DashboardClient;
  portal: PortalClient;
}

/** The three clients aimed at `url` (the emulator or a recording proxy in front of it), with its credentials. */
export function clientsFor(emu: TykEmulator, opts: { url?: string; log?: Log; perPage?: number; authTokenType?: string } = {}): Clients {
  const o = emu.options;
  const url = opts.url ?? emu.url;
  const common = { timeoutMs: 5_000, retries: 1, log: opts.log ?? captureLog().log };
  return {
    gateway: createGatewayClient({ ...common, url, secret: new Secret(o.gatewaySecret) }),
    dashboard: createDashboardClient({ ...common, url, apiKey: new Secret(o.dashboardKey), adminSecret: new Secret(o.dashboardAdminSecret) }),
    portal: createPortalClient({ ...common, url, token: new Secret(o.portalToken), perPage: opts.perPage, authTokenType: opts.authTokenType }),
  };
}

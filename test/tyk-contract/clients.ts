import { afterEach, beforeEach } from 'vitest';
import type { Log } from '../../src/log.js';
import { Secret } from '../../src/secret.js';
import { createDashboardClient, type DashboardClient } from '../../src/tyk/dashboard.js';
import { createGatewayClient, type GatewayClient } from '../../src/tyk/gateway.js';
import { createPortalClient, type PortalClient } from '../../src/tyk/portal.js';
import { captureLog } from '../harness/capture-log.js';
import { startTykEmulator, type TykEmulator, type TykEmulatorOptions } from '../harness/tyk-emulator/index.js';

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
    dashboard: createDashboardClient({
      ...common,
      url,
      apiKey: new Secret(o.dashboardKey),
      adminSecret: new Secret(o.dashboardAdminSecret),
    }),
    portal: createPortalClient({
      ...common,
      url,
      token: new Secret(o.portalToken),
      perPage: opts.perPage,
      authTokenType: opts.authTokenType,
    }),
  };
}

/** A fresh emulator and its clients for every test of a file (read them inside the tests). */
export function emulatorPerTest(opts: TykEmulatorOptions = {}): { emu: TykEmulator; c: Clients } {
  const t: { emu?: TykEmulator; c?: Clients } = {};
  beforeEach(async () => {
    t.emu = await startTykEmulator(opts);
    t.c = clientsFor(t.emu);
  });
  afterEach(() => t.emu?.close());
  return {
    get emu() {
      if (!t.emu) throw new Error('the emulator starts before each test');
      return t.emu;
    },
    get c() {
      if (!t.c) throw new Error('the clients exist during a test');
      return t.c;
    },
  };
}

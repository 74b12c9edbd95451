import { ActivityLog } from './activity.js';
import { consume } from './consumer.js';
import { consumerSurface } from './consumer-surface.js';
import type { EmuContext } from './context.js';
import { controlSurface } from './control-api.js';
import { adminSurface, dashboardSurface } from './dashboard.js';
import { resolveOptions } from './defaults.js';
import { FaultPlan } from './faults.js';
import { gatewaySurface } from './gateway.js';
import { healthSurface } from './health-surface.js';
import { findStoredByRaw, seedKey, storedKeys } from './key-control.js';
import { KeyStore } from './key-store.js';
import { newClientId, newClientSecret, OAuthStore } from './oauth-store.js';
import { portalSurface } from './portal.js';
import { portalControl } from './portal-control.js';
import { PortalStore } from './portal-store.js';
import { listen } from './server.js';
import { SessionCache } from './session-cache.js';
import type { CallRecord, DashboardControl, OAuthControl, TykEmulator, TykEmulatorOptions } from './types.js';
import { UserStore } from './user-store.js';

/** Starts an in-memory Tyk Gateway + Dashboard + Portal on one port (default 127.0.0.1:0). */
export async function startTykEmulator(opts: TykEmulatorOptions = {}): Promise<TykEmulator> {
  const options = resolveOptions(opts);
  const sessionCache = new SessionCache();
  const ctx: EmuContext = {
    options,
    keys: new KeyStore((storageKey) => sessionCache.evict(storageKey)),
    sessionCache,
    oauth: new OAuthStore(),
    users: new UserStore(options.orgId, () => options.clock.now()),
    activity: new ActivityLog(),
    portal: new PortalStore(),
  };
  const bot = ctx.users.add({ email: 'keybot@example.com', first_name: 'Key', last_name: 'Bot', access_key: options.dashboardKey });
  const faults = new FaultPlan();
  const calls: CallRecord[] = [];
  const seed: TykEmulator['seedKey'] = (input) => seedKey(ctx, input);
  const control = controlSurface({
    faults,
    seedKey: seed,
    stats: () => ({ keys: ctx.keys.size, calls: calls.length, creates: createSpan(calls) }),
    reset: () => {
      const latency = faults.latencyMs; // set at launch (--latency); a reset between bench runs keeps it
      faults.reset();
      faults.latencyMs = latency;
      ctx.keys.clear();
      ctx.sessionCache.clear();
      ctx.activity.clear();
      calls.length = 0;
    },
  });
  const surfaces = [
    gatewaySurface(ctx),
    dashboardSurface(ctx),
    adminSurface(ctx),
    portalSurface(ctx),
    consumerSurface(ctx),
    healthSurface(ctx),
  ];
  const server = await listen({ surfaces, control, faults, calls, clock: options.clock }, options.host, options.port);

  const oauth: OAuthControl = {
    addClient: (apiId, c) => {
      const client = {
        client_id: c.client_id ?? newClientId(),
        secret: c.secret ?? newClientSecret(),
        redirect_uri: c.redirect_uri ?? '',
        description: c.description ?? '',
        policy_id: c.policy_id ?? '',
        meta_data: c.meta_data ?? null,
      };
      ctx.oauth.put(apiId, client);
      return { client_id: client.client_id, secret: client.secret };
    },
    issueToken: (apiId, clientId) => ctx.oauth.issue(apiId, clientId, Math.floor(options.clock.now() / 1000) + 3600),
    tokens: (apiId, clientId) => ctx.oauth.tokens(apiId, clientId).map((t) => t.code),
  };
  const dashboard: DashboardControl = {
    addUser: (u) => {
      const user = ctx.users.add(u);
      return { id: user.id, access_key: user.access_key };
    },
    users: () =>
      ctx.users.all().map((u) => ({
        id: u.id,
        email: u.email,
        first_name: u.first_name,
        last_name: u.last_name,
        access_key: u.access_key,
        org_id: u.org_id,
      })),
    get forbidAdminReset() {
      return ctx.users.forbidAdminReset;
    },
    set forbidAdminReset(v: boolean) {
      ctx.users.forbidAdminReset = v;
    },
    botUserId: bot.id,
    setActivity: (keyHash, lastHitMs) => ctx.activity.record(keyHash, '', true, lastHitMs),
  };
  return {
    url: server.url,
    options,
    faults,
    calls,
    seedKey: seed,
    keys: () => storedKeys(ctx),
    findByRaw: (raw, orgId) => findStoredByRaw(ctx, raw, orgId),
    consume: (apiId, key) => consume(ctx, apiId, key),
    oauth,
    dashboard,
    portal: portalControl(ctx),
    close: () => server.close(),
  };
}

/** The answered POSTs that made something, and when the first and last were answered (a bench's create phase). */
function createSpan(calls: readonly CallRecord[]): { count: number; firstAt: number | null; lastAt: number | null } {
  let count = 0;
  let firstAt: number | null = null;
  let lastAt: number | null = null;
  for (const c of calls) {
    if (c.method !== 'POST' || c.status !== 200) continue;
    count += 1;
    firstAt ??= c.at;
    lastAt = c.at;
  }
  return { count, firstAt, lastAt };
}

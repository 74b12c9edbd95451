import type { ActivityLog } from './activity.js';
import type { KeyStore } from './key-store.js';
import type { OAuthStore } from './oauth-store.js';
import type { PortalStore } from './portal-store.js';
import type { SessionCache } from './session-cache.js';
import type { EmulatorOptions } from './types.js';
import type { UserStore } from './user-store.js';

/** Everything a route handler may read or change; one per emulator. */
export interface EmuContext {
  readonly options: EmulatorOptions;
  readonly keys: KeyStore;
  /** the data plane's local session cache; KeyStore writes evict from it */
  readonly sessionCache: SessionCache;
  readonly oauth: OAuthStore;
  readonly users: UserStore;
  readonly activity: ActivityLog;
  readonly portal: PortalStore;
}

export const nowSeconds = (ctx: EmuContext): number => Math.floor(ctx.options.clock.now() / 1000);

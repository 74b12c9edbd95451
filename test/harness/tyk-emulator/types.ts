import type { Clock } from '../../../src/clock.js';
import type { HashFunction } from '../../../src/tyk/token.js';

export interface EmulatorApi {
  api_id: string;
  name: string;
  org_id: string;
  listen_path: string;
  use_oauth2?: boolean;
}

export interface EmulatorPolicy {
  id: string;
  org_id: string;
  access_rights: Record<string, { api_id: string; api_name: string; versions: string[] }>;
  rate: number;
  per: number;
  quota_max: number;
  quota_renewal_rate: number;
  is_inactive?: boolean;
  tags?: string[];
  meta_data?: Record<string, unknown>;
  key_expires_in?: number;
}

export type GatewayVersion = '5.3' | '5.8.6' | '5.8.8' | '5.10.1' | '5.11' | '5.12' | '5.14';

/** Portal `AuthTokenType` spellings: the current spec's and the older how-to page's (docs/tyk-api.md §3). */
export type PortalAuthTokenType = 'AUTH_TOKEN_TYPE_CUSTOM' | 'AUTH_TOKEN_CUSTOM';

export interface AccessRight {
  api_id: string;
  api_name: string;
  versions: string[];
  allowed_urls?: Array<{ url: string; methods: string[] }>;
  limit?: Record<string, unknown>;
  [field: string]: unknown;
}

/** A gateway session object (docs/tyk-api.md §1.4); unknown fields are kept as sent. */
export interface Session {
  org_id: string;
  access_rights: Record<string, AccessRight>;
  apply_policies: string[];
  rate: number;
  per: number;
  allowance: number;
  quota_max: number;
  quota_remaining: number;
  quota_renewal_rate: number;
  quota_renews: number;
  expires: number;
  is_inactive: boolean;
  meta_data: Record<string, unknown>;
  tags: string[];
  alias: string;
  date_created: string;
  last_updated: string;
  [field: string]: unknown;
}

export interface TykEmulatorOptions {
  gatewaySecret?: string;
  dashboardKey?: string;
  dashboardAdminSecret?: string;
  portalToken?: string;
  orgId?: string;
  hashKeys?: boolean;
  hashKeyFunction?: HashFunction;
  enableHashedKeysListing?: boolean;
  /**
   * tyk.conf `local_session_cache.disable_cached_session_state`. Default false, as on a real
   * gateway: consumer lookups are cached for 10 s of `clock` time under the presented value, and a
   * request that counts quota writes the cached session back (docs/tyk-behaviour.md).
   */
  disableCachedSessionState?: boolean;
  version?: GatewayVersion;
  portalAuthTokenType?: PortalAuthTokenType;
  apis?: EmulatorApi[];
  policies?: EmulatorPolicy[];
  clock?: Clock;
  host?: string;
  port?: number;
}

export type EmulatorOptions = Required<TykEmulatorOptions>;

export interface Faults {
  /** added to every management call (not consumer calls, not /_emulator/) */
  latencyMs: number;
  /** default status 500 with the API's own JSON error shape; `match` is tested on "METHOD /path" */
  failNext(n: number, opts?: { status?: number; match?: RegExp }): void;
  /** Tyk carries the call out, but its reply is lost and the caller gets this status (a proxy's 502 after the upstream acted) */
  failAfterNext(n: number, opts?: { status?: number; match?: RegExp }): void;
  rateLimitNext(n: number, retryAfterSeconds: number, match?: RegExp): void;
  /** accept the request and never answer until close() */
  hangNext(n: number, match?: RegExp): void;
  randomFaults(p: { error500?: number; rateLimit429?: number; hang?: number; retryAfterSeconds?: number; seed?: number }): void;
  reset(): void;
}

export interface CallRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  at: number;
}

export interface StoredKey {
  token: string;
  keyHash: string;
  session: Record<string, unknown>;
}

export interface SeededKey {
  token: string;
  keyHash: string;
  raw: string;
}

export interface DashboardUser {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  access_key: string;
  org_id: string;
}

export interface PortalPlan {
  id: number;
  name: string;
  /** APIs the plan's keys may call (a portal plan is a Tyk policy) */
  apiIds: string[];
}

export interface PortalApp {
  id: number;
  name: string;
  userId: number;
}

export interface PortalAccessRequest {
  id: number;
  appId: number;
  planId: number;
  productIds: number[];
}

export interface PortalCredential {
  id: number;
  accessRequestId: number;
  /** the gateway token; its key is live in the gateway store */
  credential: string;
  credentialHash: string;
}

export interface PortalCustomCredential {
  id: number;
  alias: string;
  type: string;
  planId: number;
  authTokenType: string;
  keyId: string;
  /** gateway token of the key the portal created (Tyk-managed only) */
  token: string | undefined;
}

export interface PortalControl {
  /** seeded at start: one developer, plan `free_plan` and product `public_product` (both orders-api) */
  readonly defaults: { userId: number; planId: number; productId: number };
  addUser(u: { email: string; first_name?: string; last_name?: string }): { id: number };
  addPlan(p: { name: string; apiIds: string[] }): PortalPlan;
  addProduct(p: { name: string; apiIds: string[] }): { id: number };
  addApp(a: { name: string; userId?: number; description?: string }): PortalApp;
  addAccessRequest(appId: number, r: { planId: number; productIds?: number[] }): PortalAccessRequest;
  /** provisions a gateway key for the access request's plan and products, as an approved request does */
  addCredential(appId: number, accessRequestId: number): PortalCredential;
  apps(): PortalApp[];
  credentials(appId: number, accessRequestId: number): PortalCredential[];
  customCredentials(appId: number): PortalCustomCredential[];
}

export interface OAuthControl {
  addClient(
    apiId: string,
    client: {
      client_id?: string;
      secret?: string;
      redirect_uri?: string;
      description?: string;
      policy_id?: string;
      meta_data?: Record<string, unknown>;
    },
  ): { client_id: string; secret: string };
  issueToken(apiId: string, clientId: string): string;
  tokens(apiId: string, clientId: string): string[];
}

export interface DashboardControl {
  addUser(u: { id?: string; email: string; first_name?: string; last_name?: string; access_key?: string; org_id?: string }): {
    id: string;
    access_key: string;
  };
  users(): DashboardUser[];
  /** Dashboard `security.forbid_admin_reset_access_token` (docs/tyk-api.md §2.3) */
  forbidAdminReset: boolean;
  /** the user whose access_key === options.dashboardKey */
  readonly botUserId: string;
  setActivity(keyHash: string, lastHitMs: number): void;
}

export interface ConsumeResult {
  status: number;
  body: { error?: string; ok?: boolean; api_id?: string };
}

export interface TykEmulator {
  /** http://127.0.0.1:PORT — Gateway at /tyk/, Dashboard at /api/ and /admin/, Portal at /portal-api/, data plane at /consumer/ */
  readonly url: string;
  /** mutable: tests flip hashKeys, version, enableHashedKeysListing, policies… between cases */
  readonly options: EmulatorOptions;
  readonly faults: Faults;
  /** every answered request, in order (hung or dropped ones are not); no bodies or headers: they hold secrets */
  readonly calls: CallRecord[];
  /** stores a key as POST /tyk/keys/{raw} would, minus its refusals (empty ACL and past expiry are kept) */
  seedKey(input: { raw?: string; orgId?: string; session: Partial<Session> }): SeededKey;
  /** stored sessions, not policy-merged */
  keys(): StoredKey[];
  /** the key a consumer presenting `raw` would hit in `orgId` (default options.orgId) */
  findByRaw(raw: string, orgId?: string): StoredKey | undefined;
  /** the data-plane verdict, also served at /consumer/{apiId}/anything */
  consume(apiId: string, presentedKey: string | undefined): ConsumeResult;
  readonly oauth: OAuthControl;
  readonly dashboard: DashboardControl;
  readonly portal: PortalControl;
  close(): Promise<void>;
}

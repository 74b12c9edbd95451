import { z } from 'zod';
import { Secret } from '../secret.js';
import { type DashboardUsers, dashboardUsers } from './dashboard-users.js';
import { isTykError } from './errors.js';
import type { TykApi, TykPolicy, WriteOptions } from './gateway.js';
import { createTykHttp, type TykHttp, type TykHttpOptions } from './http.js';
import { keyListing } from './key-listing.js';
import type { CreatedKey, KeyRef } from './key-ref.js';
import { Session, type SessionInput } from './session.js';

export interface DashboardClientOptions extends Omit<TykHttpOptions, 'baseURL' | 'headers' | 'service'> {
  /** TYK_DASHBOARD_URL */
  url: string;
  /** TYK_DASHBOARD_API_KEY: sent raw in `Authorization`, no `Bearer` (docs/tyk-api.md §2.1) */
  apiKey: Secret;
  /** TYK_DASHBOARD_ADMIN_SECRET, for `/admin/…` with `admin-auth` */
  adminSecret?: Secret;
}

export interface KeyActivity {
  hits: number;
  lastHitMs?: number;
}

export interface DetailedPage {
  keys: Array<{ token: Secret; keyHash?: string; session: Session }>;
  pages: number;
}

export interface DashboardClient extends DashboardUsers {
  /** `opts.bulk` only: the Dashboard's POST has no suppress_reset */
  createCustomKey(raw: Secret, session: SessionInput, opts?: Pick<WriteOptions, 'bulk'>): Promise<CreatedKey>;
  createKey(session: SessionInput): Promise<CreatedKey>;
  getKey(ref: KeyRef): Promise<Session>;
  /** the session with the Tyk key ID and key_hash the Dashboard reports for it (KeyData) */
  identifyKey(ref: KeyRef): Promise<{ session: Session } & CreatedKey>;
  updateKey(ref: KeyRef, session: SessionInput, opts?: WriteOptions): Promise<void>;
  deleteKey(ref: KeyRef): Promise<void>;
  /** every key id (hashes when hashing is on), one streamed reply into a Set; null when the Dashboard refuses to list */
  listKeys(): Promise<Set<string> | null>;
  /** one page (from 1) of `GET /api/keys/detailed`: key IDs with their sessions; null when listing is refused */
  keysDetailedPage(p: number): Promise<DetailedPage | null>;
  listApis(): Promise<TykApi[]>;
  listPolicies(): Promise<TykPolicy[]>;
  /** analytics of one key between two instants (UTC days, inclusive) */
  keyActivity(keyHash: string, fromMs: number, toMs: number): Promise<KeyActivity>;
  /** use a new API key from now on, e.g. after the bot rotated its own (2.3) */
  setApiKey(apiKey: Secret): void;
  /** one small authenticated read (`GET /api/users/me`, no fallback), for readiness: any reply will do */
  ping(): Promise<void>;
}

const KeyData = z.looseObject({ key_id: z.string(), key_hash: z.string().nullish() });
const KeyDetail = KeyData.extend({ data: Session });
/** PUT: the spec says KeyData, older docs `{"Status":"OK","Message":"Key updated"}` — accept both (2.2). */
const Updated = z.union([KeyData, z.looseObject({ Status: z.string(), Message: z.string().optional() })]);
const KeysDetailed = z.looseObject({ keys: z.array(KeyDetail).nullish(), pages: z.number().nullish() });
const Apis = z.looseObject({
  apis: z
    .array(
      z.looseObject({ api_definition: z.looseObject({ api_id: z.string(), name: z.string().nullish(), org_id: z.string().nullish() }) }),
    )
    .nullish(),
  pages: z.number().nullish(),
});
const Policy = z.looseObject({
  _id: z.string().nullish(),
  id: z.string().nullish(),
  name: z.string().nullish(),
  org_id: z.string().nullish(),
});
const Policies = z.looseObject({ Data: z.array(Policy).nullish(), Pages: z.number().nullish() });
const Activity = z.looseObject({
  data: z.array(z.looseObject({ hits: z.number().nullish(), last_hit: z.string().nullish() })).nullish(),
  pages: z.number().nullish(),
});

/**
 * Dashboard key routes. A raw value with an API id goes through the API-scoped route, where the
 * Dashboard knows the org; otherwise the user's org applies. `hashed` only for hashes.
 */
function keyRoute(ref: KeyRef): { path: string; params: Record<string, string | Secret>; query: Record<string, string | undefined> } {
  if ('token' in ref) return { path: '/api/keys/{id}', params: { id: ref.token }, query: {} };
  if ('hash' in ref) return { path: '/api/keys/{id}', params: { id: ref.hash }, query: { hashed: '1' } };
  if (ref.apiId) return { path: '/api/apis/{apiId}/keys/{id}', params: { apiId: ref.apiId, id: ref.raw }, query: {} };
  return { path: '/api/keys/{id}', params: { id: ref.raw }, query: {} };
}

/** Reads every page of a `?p=` list (2.1: pages from 1, reply carries `pages`). */
async function allPages<T>(fetchPage: (p: number) => Promise<{ items: T[]; pages: number }>): Promise<T[]> {
  const first = await fetchPage(1);
  const items = [...first.items];
  for (let p = 2; p <= first.pages; p++) items.push(...(await fetchPage(p)).items);
  return items;
}

const utcDay = (ms: number) => {
  const d = new Date(ms);
  return { d: String(d.getUTCDate()), m: String(d.getUTCMonth() + 1), y: String(d.getUTCFullYear()) };
};

// long: a factory of one method per Dashboard endpoint, over one HTTP client
/** Tyk Dashboard API (`/api/…`), authenticated with the bot user's raw API key. */
export function createDashboardClient(opts: DashboardClientOptions): DashboardClient {
  const http: TykHttp = createTykHttp({ ...opts, baseURL: opts.url, headers: { Authorization: opts.apiKey }, service: 'Tyk Dashboard' });
  const admin = opts.adminSecret
    ? createTykHttp({ ...opts, baseURL: opts.url, headers: { 'admin-auth': opts.adminSecret }, service: 'Tyk Dashboard admin API' })
    : undefined;
  let apiKey = opts.apiKey;
  const created = (r: z.output<typeof KeyData>): CreatedKey => ({ token: new Secret(r.key_id), keyHash: r.key_hash || undefined });
  const page = (p: number) => ({ p: String(p) });

  return {
    ...dashboardUsers(http, admin, () => apiKey),
    createCustomKey: async (raw, session, o) =>
      created(
        await http.call({
          method: 'POST',
          path: '/api/keys/{id}',
          params: { id: raw },
          body: session,
          schema: KeyData,
          retry: 'idempotent',
          bulk: o?.bulk,
        }),
      ),
    createKey: async (session) =>
      created(await http.call({ method: 'POST', path: '/api/keys', body: session, schema: KeyData, retry: 'unsafe' })),
    getKey: async (ref) => (await http.call({ method: 'GET', ...keyRoute(ref), schema: KeyDetail, retry: 'idempotent' })).data,
    identifyKey: async (ref) => {
      const r = await http.call({ method: 'GET', ...keyRoute(ref), schema: KeyDetail, retry: 'idempotent' });
      return { session: r.data, ...created(r) };
    },
    updateKey: async (ref, session, o) => {
      const route = keyRoute(ref);
      const query = { ...route.query, suppress_reset: o?.suppressReset ? '1' : undefined };
      await http.call({ method: 'PUT', ...route, query, body: session, schema: Updated, retry: 'idempotent' });
    },
    deleteKey: async (ref) => {
      await http.call({ method: 'DELETE', ...keyRoute(ref), schema: z.unknown(), retry: 'idempotent' });
    },
    listKeys: async () => {
      try {
        // `p=-1` returns every key in one reply (2.1): an import checks 100,000 keys with one call, not 10,000 pages of 10.
        // streamed into the Set like the Gateway's listing (key-listing.ts)
        const stream = keyListing(['data', 'keys']);
        return await http.call({ method: 'GET', path: '/api/apis/keys', query: { p: '-1' }, stream, retry: 'idempotent' });
      } catch (e) {
        // 404 "Could not retrieve keys." when hashed key listing is disabled (2.2)
        if (isTykError(e) && e.kind === 'not_found') return null;
        throw e;
      }
    },
    keysDetailedPage: async (p) => {
      try {
        const r = await http.call({ method: 'GET', path: '/api/keys/detailed', query: page(p), schema: KeysDetailed, retry: 'idempotent' });
        return { keys: (r.keys ?? []).map((k) => ({ ...created(k), session: k.data })), pages: r.pages ?? 1 };
      } catch (e) {
        if (isTykError(e) && e.kind === 'not_found') return null; // hashed key listing disabled (2.2)
        throw e;
      }
    },
    listApis: () =>
      allPages(async (p) => {
        const r = await http.call({ method: 'GET', path: '/api/apis', query: page(p), schema: Apis, retry: 'idempotent' });
        const items = (r.apis ?? []).map(({ api_definition: a }) => ({ id: a.api_id, name: a.name ?? '', orgId: a.org_id ?? '' }));
        return { items, pages: r.pages ?? 1 };
      }),
    listPolicies: () =>
      allPages(async (p) => {
        const r = await http.call({ method: 'GET', path: '/api/portal/policies', query: page(p), schema: Policies, retry: 'idempotent' });
        const items = (r.Data ?? []).map((x) => ({ id: x.id || x._id || '', name: x.name ?? '', orgId: x.org_id ?? '' }));
        return { items, pages: r.Pages ?? 1 };
      }),
    ping: async () => void (await http.call({ method: 'GET', path: '/api/users/me', schema: z.unknown(), retry: 'idempotent' })),
    keyActivity: async (keyHash, fromMs, toMs) => {
      const [from, to] = [utcDay(fromMs), utcDay(toMs)];
      const path = '/api/activity/keys/{keyHash}/{sd}/{sm}/{sy}/{ed}/{em}/{ey}';
      const params = { keyHash, sd: from.d, sm: from.m, sy: from.y, ed: to.d, em: to.m, ey: to.y };
      const rows = await allPages(async (p) => {
        const r = await http.call({ method: 'GET', path, params, query: p > 1 ? page(p) : {}, schema: Activity, retry: 'idempotent' });
        return { items: r.data ?? [], pages: r.pages ?? 1 };
      });
      const lastHits = rows.map((r) => Date.parse(r.last_hit ?? '')).filter((t) => Number.isFinite(t));
      const hits = rows.reduce((sum, r) => sum + (r.hits ?? 0), 0);
      return lastHits.length ? { hits, lastHitMs: Math.max(...lastHits) } : { hits };
    },
    setApiKey: (next) => {
      apiKey = next;
      http.setHeader('Authorization', next);
    },
  };
}

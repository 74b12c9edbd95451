import { z } from 'zod';
import { Secret } from '../secret.js';
import { isTykError } from './errors.js';
import { type GatewayOAuth, gatewayOAuth } from './gateway-oauth.js';
import { createTykHttp, type TykHttpOptions } from './http.js';
import { keyListing } from './key-listing.js';
import type { CreatedKey, KeyRef } from './key-ref.js';
import { Session, type SessionInput } from './session.js';

export interface GatewayClientOptions extends Omit<TykHttpOptions, 'baseURL' | 'headers' | 'service'> {
  /** TYK_GATEWAY_URL */
  url: string;
  /** TYK_GATEWAY_SECRET, sent as `x-tyk-authorization` */
  secret: Secret;
}

export interface TykApi {
  id: string;
  name: string;
  orgId: string;
}

export interface TykPolicy {
  id: string;
  name: string;
  orgId: string;
}

export interface WriteOptions {
  /** `suppress_reset=1`: keep quota/rate counters (and quota_renews on update) — docs/tyk-api.md §1.3 */
  suppressReset?: boolean;
  /** one of an import's many writes: its log line is at debug (TykRequest.bulk) */
  bulk?: boolean;
}

export interface GatewayClient extends GatewayOAuth {
  createCustomKey(raw: Secret, session: SessionInput, opts?: WriteOptions): Promise<CreatedKey>;
  createKey(session: SessionInput, opts?: WriteOptions): Promise<CreatedKey>;
  getKey(ref: KeyRef): Promise<Session>;
  updateKey(ref: KeyRef, session: SessionInput, opts?: WriteOptions): Promise<void>;
  deleteKey(ref: KeyRef): Promise<void>;
  /** tokens (hashes when the gateway hashes keys), streamed into a Set; null when hashed listing is disabled */
  listKeys(opts?: { filter?: string }): Promise<Set<string> | null>;
  listApis(): Promise<TykApi[]>;
  listPolicies(): Promise<TykPolicy[]>;
  /** the release `GET /hello` reports (e.g. `v5.8.1`); null when the health check does not answer */
  version(): Promise<string | null>;
}

const KeyModified = z.looseObject({
  key: z.string(),
  status: z.string().optional(),
  action: z.string().optional(),
  key_hash: z.string().optional(),
});
const Apis = z.array(z.looseObject({ api_id: z.string(), name: z.string().nullish(), org_id: z.string().nullish() })).nullish();
/** Policies carry `id` (file-based) or the Mongo `_id` (Dashboard-synced). */
const Policies = z
  .array(z.looseObject({ id: z.string().nullish(), _id: z.string().nullish(), name: z.string().nullish(), org_id: z.string().nullish() }))
  .nullish();
const Hello = z.looseObject({ version: z.string().nullish() });
const suppress = (opts?: WriteOptions) => (opts?.suppressReset ? '1' : undefined);

/**
 * Where a KeyRef goes in the URL, per operation (docs/tyk-api.md §1.2, "How a management client must
 * refer to a key"). `hashed` is sent only for hashes: any non-empty value means "hash", even
 * `false`. A raw value needs its org: GET takes it from `api_id` (or `org_id`), DELETE only from
 * `org_id`, PUT from the body's `org_id` (set by updateKey).
 */
function target(ref: KeyRef, op: 'get' | 'put' | 'delete'): { params: { id: string | Secret }; query: Record<string, string | undefined> } {
  if ('token' in ref) return { params: { id: ref.token }, query: {} };
  if ('hash' in ref) return { params: { id: ref.hash }, query: { hashed: '1' } };
  // Both for GET: the API's org wins, and an API the gateway does not know falls back to org_id (handleGetDetail).
  if (op === 'get') return { params: { id: ref.raw }, query: { api_id: ref.apiId, org_id: ref.orgId } };
  if (op === 'delete') {
    // Without org_id the gateway looks for a bare key and answers 404 for an org-bound custom key.
    if (!ref.orgId) throw new Error('deleting a key by its raw value needs orgId (docs/tyk-api.md §1.2)');
    return { params: { id: ref.raw }, query: { org_id: ref.orgId } };
  }
  return { params: { id: ref.raw }, query: {} };
}

// long: a factory of one method per Gateway endpoint, over one HTTP client
/** Tyk Gateway control API (`/tyk/…`), authenticated with `x-tyk-authorization`. */
export function createGatewayClient(opts: GatewayClientOptions): GatewayClient {
  const http = createTykHttp({ ...opts, baseURL: opts.url, headers: { 'x-tyk-authorization': opts.secret }, service: 'Tyk Gateway' });
  const created = (r: z.output<typeof KeyModified>): CreatedKey => ({ token: new Secret(r.key), keyHash: r.key_hash || undefined });
  const post = (
    path: string,
    params: Record<string, Secret>,
    session: SessionInput,
    o: WriteOptions | undefined,
    retry: 'idempotent' | 'unsafe',
  ) =>
    http.call({
      method: 'POST',
      path,
      params,
      query: { suppress_reset: suppress(o) },
      body: session,
      schema: KeyModified,
      retry,
      bulk: o?.bulk,
    });

  return {
    ...gatewayOAuth(http),
    // Never send `hashed` on create: the key would be stored unhashed and not found at request time (1.3.1).
    // Same id, same session: sending it twice is the same as once. A generated key is not.
    createCustomKey: async (raw, session, o) => created(await post('/tyk/keys/{id}', { id: raw }, session, o, 'idempotent')),
    createKey: async (session, o) => created(await post('/tyk/keys', {}, session, o, 'unsafe')),
    getKey: async (ref) => {
      const { params, query } = target(ref, 'get');
      return http.call({ method: 'GET', path: '/tyk/keys/{id}', params, query, schema: Session, retry: 'idempotent' });
    },
    updateKey: async (ref, session, o) => {
      const { params, query } = target(ref, 'put');
      const body = 'raw' in ref && ref.orgId ? { ...session, org_id: ref.orgId } : session;
      const withSuppress = { ...query, suppress_reset: suppress(o) };
      await http.call({
        method: 'PUT',
        path: '/tyk/keys/{id}',
        params,
        query: withSuppress,
        body,
        schema: KeyModified,
        retry: 'idempotent',
      });
    },
    deleteKey: async (ref) => {
      const { params, query } = target(ref, 'delete');
      await http.call({ method: 'DELETE', path: '/tyk/keys/{id}', params, query, schema: z.unknown(), retry: 'idempotent' });
    },
    listKeys: async (o) => {
      try {
        // a million keys: streamed into the Set, never held as one body or array (key-listing.ts)
        const stream = keyListing(['keys']);
        return await http.call({ method: 'GET', path: '/tyk/keys', query: { filter: o?.filter }, stream, retry: 'idempotent' });
      } catch (e) {
        // 404 here means hash_keys on and enable_hashed_keys_listing off (1.3.6): the caller falls back.
        if (isTykError(e) && e.kind === 'not_found') return null;
        throw e;
      }
    },
    listApis: async () => {
      const apis = await http.call({ method: 'GET', path: '/tyk/apis', schema: Apis, retry: 'idempotent' });
      return (apis ?? []).map((a) => ({ id: a.api_id, name: a.name ?? '', orgId: a.org_id ?? '' }));
    },
    listPolicies: async () => {
      const policies = await http.call({ method: 'GET', path: '/tyk/policies', schema: Policies, retry: 'idempotent' });
      return (policies ?? []).map((p) => ({ id: p.id || p._id || '', name: p.name ?? '', orgId: p.org_id ?? '' }));
    },
    version: async () => {
      // The health check may be renamed or served on another port than the control API: no answer is "unknown".
      try {
        return (await http.call({ method: 'GET', path: '/hello', schema: Hello, retry: 'idempotent' })).version ?? null;
      } catch (e) {
        if (isTykError(e)) return null;
        throw e;
      }
    },
  };
}

import { z } from 'zod';
import type { Secret } from '../secret.js';
import { createTykHttp, type TykHttpOptions } from './http.js';
import * as S from './portal-schemas.js';

export type {
  PortalAccessRequest,
  PortalApp,
  PortalCredential,
  PortalCustomCredential,
  PortalNamed,
  PortalUser,
} from './portal-schemas.js';

export interface PortalClientOptions extends Omit<TykHttpOptions, 'baseURL' | 'headers' | 'service'> {
  /** TYK_PORTAL_URL; the client appends `/portal-api` */
  url: string;
  /** TYK_PORTAL_TOKEN, sent raw in `Authorization` (docs/tyk-api.md §3) */
  token: Secret;
  /** `AuthTokenType` for custom credentials; spellings differ between spec revisions (3) */
  authTokenType?: string;
  /** rows per page when listing */
  perPage?: number;
}

export interface CustomCredentialInput {
  Alias: string;
  Type: 'CREDENTIAL_TYPE_TYK_MANAGED' | 'CREDENTIAL_TYPE_CUSTOM';
  PlanID: number;
  ProductIDs: number[];
  AuthenticationMethod: string;
  /** the existing key value to import */
  KeyID: Secret;
  /** overrides the client's configured spelling */
  AuthTokenType?: string;
}

export interface PortalClient {
  listApps(): Promise<S.PortalApp[]>;
  getApp(appId: number): Promise<S.PortalApp>;
  listAccessRequests(appId: number): Promise<S.PortalAccessRequest[]>;
  listCredentials(appId: number, accessRequestId: number): Promise<S.PortalCredential[]>;
  getCredential(appId: number, accessRequestId: number, credentialId: number): Promise<S.PortalCredential>;
  /** PUT with no body; the reply has no credential: re-read the list to get the new one */
  rotateCredential(appId: number, accessRequestId: number, credentialId: number): Promise<void>;
  listCustomCredentials(appId: number): Promise<S.PortalCustomCredential[]>;
  createCustomCredential(appId: number, input: CustomCredentialInput): Promise<S.PortalCustomCredential>;
  deleteCustomCredential(appId: number, credentialId: number): Promise<void>;
  getUser(userId: number): Promise<S.PortalUser>;
  getPlan(planId: number): Promise<S.PortalNamed>;
  getProduct(productId: number): Promise<S.PortalNamed>;
  /** one small authenticated read (the first app), for readiness: any reply will do */
  ping(): Promise<void>;
}

const CREDENTIAL = '/apps/{app}/access-requests/{ar}/credentials/{cred}';

// long: a factory of one method per Portal endpoint, over one HTTP client
/** Tyk Enterprise Developer Portal admin API (`/portal-api/…`). */
export function createPortalClient(opts: PortalClientOptions): PortalClient {
  const http = createTykHttp({
    ...opts,
    baseURL: `${opts.url.replace(/\/+$/, '')}/portal-api`,
    headers: { Authorization: opts.token },
    service: 'Tyk Portal',
  });
  const perPage = opts.perPage ?? 50;
  const authTokenType = opts.authTokenType ?? 'AUTH_TOKEN_TYPE_CUSTOM';
  const ids = (app: number, ar?: number, cred?: number) => {
    const params: Record<string, string> = { app: String(app) };
    if (ar !== undefined) params.ar = String(ar);
    if (cred !== undefined) params.cred = String(cred);
    return params;
  };

  /**
   * Bare-array lists, `page`/`per_page`; a short or empty page is the last one (3). A page that
   * brings no new ID also ends the list: a server ignoring `page` must not loop us forever.
   */
  async function list<T extends { ID: number }>(path: string, params: Record<string, string>, item: z.ZodType<T>): Promise<T[]> {
    const rows = new Map<number, T>();
    for (let page = 1; ; page++) {
      const query = { page: String(page), per_page: String(perPage) };
      const batch = (await http.call({ method: 'GET', path, params, query, schema: z.array(item).nullable(), retry: 'idempotent' })) ?? [];
      const before = rows.size;
      for (const row of batch) rows.set(row.ID, row);
      if (batch.length < perPage || rows.size === before) return [...rows.values()];
    }
  }

  const get = <T>(path: string, params: Record<string, string>, schema: z.ZodType<T>) =>
    http.call({ method: 'GET', path, params, schema, retry: 'idempotent' });

  return {
    listApps: async () => (await list('/apps', {}, S.App)).map(S.toApp),
    getApp: async (app) => S.toApp(await get('/apps/{app}', ids(app), S.App)),
    listAccessRequests: async (app) => (await list('/apps/{app}/access-requests', ids(app), S.AccessRequest)).map(S.toAccessRequest),
    listCredentials: async (app, ar) =>
      (await list('/apps/{app}/access-requests/{ar}/credentials', ids(app, ar), S.Credential)).map(S.toCredential),
    // Spec defect: the 200 reply is typed `Status`; a real portal returns the credential (3).
    getCredential: async (app, ar, cred) => S.toCredential(await get(CREDENTIAL, ids(app, ar, cred), S.Credential)),
    rotateCredential: async (app, ar, cred) => {
      await http.call({ method: 'PUT', path: `${CREDENTIAL}/rotate`, params: ids(app, ar, cred), schema: S.Status, retry: 'unsafe' });
    },
    listCustomCredentials: async (app) =>
      (await list('/apps/{app}/custom_credentials', ids(app), S.CustomCredential)).map(S.toCustomCredential),
    createCustomCredential: async (app, input) => {
      const body = { ...input, KeyID: input.KeyID.reveal(), AuthTokenType: input.AuthTokenType ?? authTokenType };
      const created = await http.call({
        method: 'POST',
        path: '/apps/{app}/custom_credentials',
        params: ids(app),
        body,
        redact: [input.KeyID],
        schema: S.CustomCredential,
        // whether the portal refuses a second POST of the same KeyID is not documented: after a lost
        // reply the caller re-lists custom credentials instead of sending it again
        retry: 'unsafe',
      });
      return S.toCustomCredential(created);
    },
    deleteCustomCredential: async (app, cred) => {
      await http.call({
        method: 'DELETE',
        path: '/apps/{app}/custom_credentials/{cred}',
        params: ids(app, undefined, cred),
        schema: S.Status,
        retry: 'idempotent',
      });
    },
    getUser: async (id) => S.toUser(await get('/users/{id}', { id: String(id) }, S.User)),
    getPlan: async (id) => S.toNamed(await get('/plans/{id}', { id: String(id) }, S.Plan)),
    getProduct: async (id) => S.toNamed(await get('/products/{id}', { id: String(id) }, S.Product)),
    ping: async () =>
      void (await http.call({
        method: 'GET',
        path: '/apps',
        query: { page: '1', per_page: '1' },
        schema: z.unknown(),
        retry: 'idempotent',
      })),
  };
}

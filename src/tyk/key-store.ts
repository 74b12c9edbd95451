import { KeybotError } from '../errors.js';
import type { Secret } from '../secret.js';
import type { DashboardClient, DetailedPage, KeyActivity } from './dashboard.js';
import { isTykError } from './errors.js';
import type { GatewayClient, TykApi, WriteOptions } from './gateway.js';
import type { CreatedKey, KeyRef } from './key-ref.js';
import type { Session, SessionInput } from './session.js';

/**
 * The one door workflows use to Tyk keys, whichever API is configured: the Dashboard when it is
 * (docs/design.md "Configuration"), else the Gateway. Raw references get the store's org unless they name
 * one, and sessions without an org get it too: a key only works if its org is its APIs' org (1.2).
 */
export interface KeyStore {
  readonly kind: 'dashboard' | 'gateway';
  readonly orgId: string;
  /** import a key with the value consumers already send; overwrites silently — check get() first */
  createCustom(raw: Secret, session: SessionInput, opts?: WriteOptions): Promise<CreatedKey>;
  /** a new key with a generated value */
  create(session: SessionInput, opts?: WriteOptions): Promise<CreatedKey>;
  /** null when Tyk has no such key */
  get(ref: KeyRef): Promise<Session | null>;
  /** the Tyk key ID and key_hash of a key, where the API reports them (the Dashboard's KeyData); null when unknown */
  identify(ref: KeyRef): Promise<CreatedKey | null>;
  update(ref: KeyRef, session: SessionInput, opts?: WriteOptions): Promise<void>;
  /** false when Tyk had no such key */
  delete(ref: KeyRef): Promise<boolean>;
  /**
   * key ids (hashes when hashing is on) as plain strings, read from one streamed reply into a Set (no
   * Secret each: a million of them); null when listing is disabled. The Gateway lists every org's keys.
   */
  list(): Promise<Set<string> | null>;
  /** the APIs Tyk knows, with their org (a key works only in its APIs' org, 1.2) */
  listApis(): Promise<TykApi[]>;
  listPolicyIds(): Promise<string[]>;
  /** Dashboard only: one page (from 1) of every key with its session; null when listing is disabled */
  detailedPage?(p: number): Promise<DetailedPage | null>;
  /** Dashboard analytics: is the key still used? (Gateway-only deployments have no such API) */
  activity?(keyHash: string, fromMs: number, toMs: number): Promise<KeyActivity>;
}

const nullOn404 = async <T>(work: Promise<T>, notFound: T): Promise<T> => {
  try {
    return await work;
  } catch (e) {
    if (isTykError(e) && e.kind === 'not_found') return notFound;
    throw e;
  }
};

export function createKeyStore(opts: { dashboard?: DashboardClient; gateway?: GatewayClient; orgId: string }): KeyStore {
  const { orgId, dashboard, gateway } = opts;
  const withOrg = (s: SessionInput): SessionInput => (s.org_id ? s : { ...s, org_id: orgId });
  const withRefOrg = (ref: KeyRef): KeyRef => ('raw' in ref && !ref.apiId && !ref.orgId ? { ...ref, orgId } : ref);
  const common = (client: DashboardClient | GatewayClient) => ({
    orgId,
    get: async (ref: KeyRef) => nullOn404<Session | null>(client.getKey(withRefOrg(ref)), null),
    update: (ref: KeyRef, s: SessionInput, o?: WriteOptions) => client.updateKey(withRefOrg(ref), withOrg(s), o),
    delete: async (ref: KeyRef) =>
      nullOn404(
        client.deleteKey(withRefOrg(ref)).then(() => true),
        false,
      ),
    listApis: () => client.listApis(),
    listPolicyIds: async () => (await client.listPolicies()).map((p) => p.id),
  });
  if (dashboard) {
    return {
      ...common(dashboard),
      kind: 'dashboard',
      // POST /api/keys/{id} has no suppress_reset in the Dashboard spec; a new key has no counters to keep.
      createCustom: (raw, s, o) => dashboard.createCustomKey(raw, withOrg(s), { bulk: o?.bulk }),
      identify: async (ref) =>
        nullOn404<CreatedKey | null>(
          dashboard.identifyKey(withRefOrg(ref)).then(({ token, keyHash }) => ({ token, keyHash })),
          null,
        ),
      create: (s) => dashboard.createKey(withOrg(s)),
      list: () => dashboard.listKeys(),
      detailedPage: (p) => dashboard.keysDetailedPage(p),
      activity: (keyHash, fromMs, toMs) => dashboard.keyActivity(keyHash, fromMs, toMs),
    };
  }
  if (gateway) {
    return {
      ...common(gateway),
      kind: 'gateway',
      createCustom: (raw, s, o) => gateway.createCustomKey(raw, withOrg(s), o),
      // A gateway's GET returns the session only; the caller derives the key ID (docs/tyk-api.md §1.3).
      identify: async () => null,
      create: (s, o) => gateway.createKey(withOrg(s), o),
      // No `filter`: with hashing on the listed ids are hashes, which an org prefix never matches (1.3.6).
      list: () => gateway.listKeys(),
    };
  }
  throw new KeybotError(
    'NOT_CONFIGURED',
    'Set TYK_DASHBOARD_URL or TYK_GATEWAY_URL: the bot needs a Tyk Dashboard or Gateway to manage keys.',
  );
}

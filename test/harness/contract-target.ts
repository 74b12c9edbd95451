import type { Clock } from '../../src/clock.js';
import type { HashFunction } from '../../src/tyk/token.js';
import {
  defaultPolicies,
  type EmulatorPolicy,
  startTykEmulator,
  TEST_ORG,
  type TykEmulator,
  type TykEmulatorOptions,
} from './tyk-emulator/index.js';
import { SESSION_CACHE_TTL_MS } from './tyk-emulator/session-cache.js';

/**
 * A Tyk Gateway the key contract (test/tyk-contract/) runs against: the emulator here, a real
 * gateway built from its Go module elsewhere. The contract only uses the control API at
 * `gatewayUrl`, `consumer()` and the gateway's time, so both targets are held to the same behaviour.
 */
export interface ContractTarget {
  name: string;
  gatewayUrl: string;
  gatewaySecret: string;
  orgId: string;
  hashKeys: boolean;
  hashKeyFunction: HashFunction;
  apiIds: { orders: string; invoices: string };
  policyIds: { gold: string };
  /** one request to the API as a consumer would send it; `key` goes raw in `Authorization` */
  consumer(apiId: string, key: string | undefined): Promise<{ status: number; body: string }>;
  /** the gateway's time in ms (expiries are judged by it); the emulator's may run ahead of the wall clock */
  now(): number;
  /**
   * Resolves once every session a consumer call cached before it has left the gateway's local
   * session cache (10 s, docs/tyk-behaviour.md): the emulator moves its clock on, a real gateway is
   * waited for.
   */
  afterCacheWindow(): Promise<void>;
  close(): Promise<void>;
}

/** GET with the key as the header value, exactly as presented (no Bearer added or stripped). */
export async function consumerCall(url: string, key: string | undefined): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { headers: key === undefined ? {} : { Authorization: key } });
  return { status: res.status, body: await res.text() };
}

/** Wall-clock time that can be moved on: the contract waits for real expiries but skips the cache window. */
class MovableClock implements Clock {
  #offset = 0;

  now(): number {
    return Date.now() + this.#offset;
  }

  advance(ms: number): void {
    this.#offset += ms;
  }
}

const ordersGrant = { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } };
const ordersPolicy = (id: string, orgId: string, extra: Partial<EmulatorPolicy> = {}): EmulatorPolicy => ({
  id,
  org_id: orgId,
  access_rights: ordersGrant,
  rate: 100,
  per: 60,
  quota_max: -1,
  quota_renewal_rate: 0,
  ...extra,
});

/**
 * The policies the contract names beside the emulator's defaults, as test/tyk-real/fixtures/policies.json
 * gives them to a real gateway: two with key_expires_in, and one of another org.
 */
export const contractPolicies = (): EmulatorPolicy[] => [
  ordersPolicy('trial-policy', TEST_ORG, { key_expires_in: 600 }),
  ordersPolicy('trial-long-policy', TEST_ORG, { key_expires_in: 7200 }),
  ordersPolicy('other-org-policy', 'ffffffffffffffffffffffff'),
];

export async function emulatorTarget(opts: Omit<TykEmulatorOptions, 'clock'> = {}): Promise<ContractTarget & { emulator: TykEmulator }> {
  const clock = new MovableClock();
  const policies = opts.policies ?? [...defaultPolicies(), ...contractPolicies()];
  const emulator = await startTykEmulator({ ...opts, policies, clock });
  const o = emulator.options;
  const mode = o.hashKeys ? `hashed ${o.hashKeyFunction || 'legacy'}` : `unhashed ${o.hashKeyFunction || 'legacy'}`;
  return {
    name: `emulator ${o.version} ${mode}`,
    gatewayUrl: emulator.url,
    gatewaySecret: o.gatewaySecret,
    orgId: o.orgId ?? TEST_ORG,
    hashKeys: o.hashKeys,
    hashKeyFunction: o.hashKeyFunction,
    apiIds: { orders: 'orders-api', invoices: 'invoices-api' },
    policyIds: { gold: 'gold-policy' },
    consumer: (apiId, key) => consumerCall(`${emulator.url}/consumer/${encodeURIComponent(apiId)}/anything`, key),
    now: () => clock.now(),
    afterCacheWindow: async () => clock.advance(SESSION_CACHE_TTL_MS + 1),
    close: () => emulator.close(),
    emulator,
  };
}

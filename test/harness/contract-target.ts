import type { Clock } from '../../src/clock.js';
import type { HashFunction } from '../../src/tyk/token.js';
import { startTykEmulator, TEST_ORG, type TykEmulator, type TykEmulatorOptions } from './tyk-emulator/index.js';
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

export async function emulatorTarget(opts: Omit<TykEmulatorOptions, 'clock'> = {}): Promise<ContractTarget & { emulator: TykEmulator }> {
  const clock = new MovableClock();
  const emulator = await startTykEmulator({ ...opts, clock });
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

import type { HashFunction } from '../../src/tyk/token.js';
import { TEST_ORG, type TykEmulator, type TykEmulatorOptions, startTykEmulator } from './tyk-emulator/index.js';

/**
 * A Tyk Gateway the key contract (test/tyk-contract/) runs against: the emulator here, a real
 * gateway built from its Go module elsewhere. The contract only uses the control API at
 * `gatewayUrl` and `consumer()`, so both targets are held to the same behaviour.
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
  close(): Promise<void>;
}

/** GET with the key as the header value, exactly as presented (no Bearer added or stripped). */
export async function consumerCall(url: string, key: string | undefined): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { headers: key === undefined ? {} : { Authorization: key } });
  return { status: res.status, body: await res.text() };
}

export async function emulatorTarget(opts: TykEmulatorOptions = {}): Promise<ContractTarget & { emulator: TykEmulator }> {
  const emulator = await startTykEmulator(opts);
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
    close: () => emulator.close(),
    emulator,
  };
}

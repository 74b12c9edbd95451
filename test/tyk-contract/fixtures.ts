import { randomBytes } from 'node:crypto';
import type { Log } from '../../src/log.js';
import { Secret } from '../../src/secret.js';
import { createGatewayClient, type GatewayClient } from '../../src/tyk/gateway.js';
import { Session, type SessionInput } from '../../src/tyk/session.js';
import { captureLog } from '../harness/capture-log.js';
import type { ContractTarget } from '../harness/contract-target.js';

/** Everything one contract run shares: the target, a client on it, captured logs, secrets used. */
export interface ContractContext {
  target: ContractTarget;
  gateway: GatewayClient;
  /** the debug logger every client of this run writes to */
  log: Log;
  logText(): string;
  /** a fresh raw key value, remembered so the run can check no log line or error holds it */
  newRaw(label: string): Secret;
  /** remember another secret (a token Tyk returned) for the same check */
  remember(s: Secret): void;
  secrets(): Secret[];
}

export function contractContext(target: ContractTarget): ContractContext {
  const logs = captureLog();
  const used: Secret[] = [];
  const gateway = createGatewayClient({
    url: target.gatewayUrl,
    secret: new Secret(target.gatewaySecret),
    timeoutMs: 5_000,
    retries: 2,
    log: logs.log,
  });
  return {
    target,
    gateway,
    log: logs.log,
    logText: logs.text,
    newRaw: (label) => {
      const raw = new Secret(`${label}-${randomBytes(8).toString('hex')}`);
      used.push(raw);
      return raw;
    },
    remember: (s) => void used.push(s),
    secrets: () => [...used],
  };
}

/** A key granting the orders API with its own limits and bookkeeping. */
export function ordersSession(t: ContractTarget, extra: SessionInput = {}): Session {
  return Session.parse({
    org_id: t.orgId,
    access_rights: { [t.apiIds.orders]: { api_id: t.apiIds.orders, api_name: 'Orders API', versions: ['Default'] } },
    rate: 100,
    per: 60,
    allowance: 100,
    quota_max: 1000,
    quota_renewal_rate: 3600,
    alias: 'contract-key',
    tags: ['contract', 'imported'],
    meta_data: { source: 'contract-test', owner_email: 'dev@example.com' },
    ...extra,
  });
}

/** A key whose grants come from the gold policy (orders + invoices). */
export function goldSession(t: ContractTarget, extra: SessionInput = {}): Session {
  return Session.parse({
    org_id: t.orgId,
    apply_policies: [t.policyIds.gold],
    alias: 'gold-key',
    tags: ['contract'],
    meta_data: { source: 'contract-test' },
    ...extra,
  });
}

/** Polls `check` until it returns true or `ms` pass; no fixed sleeps. */
export async function waitFor(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The target gateway's time in unix seconds (the emulator's clock may have been moved on). */
export const nowSeconds = (t: ContractTarget) => Math.floor(t.now() / 1000);

/** Calls the API `n` times with the key, each expected to pass. */
export async function consume(t: ContractTarget, apiId: string, raw: Secret, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await t.consumer(apiId, raw.reveal());
    if (r.status !== 200) throw new Error(`consumer call ${i + 1} got ${r.status}: ${r.body}`);
  }
}

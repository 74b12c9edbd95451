import { newId } from '../../ids.js';
import { Secret } from '../../secret.js';
import type { Session } from '../../tyk/session.js';
import { keyHash } from '../../tyk/token.js';
import type { WorkflowDeps } from '../deps.js';
import { forEachBounded } from '../import-keys/for-each-bounded.js';
import { batchedWrites } from './batched-writes.js';
import { type ListedRef, refOf, scannedKey } from './scanned-key.js';
import { checkUsage } from './usage.js';

export type ScanSource = 'dashboard' | 'gateway' | 'bot';

export interface ScanResult {
  source: ScanSource;
  keys: number;
  removed: number;
  usageChecked: number;
  ms: number;
}

/** `phase` `keys`: keys read from Tyk so far; `usage`: keys whose analytics were read, of those due a check. */
export type ScanProgress = (done: number, total: number | null, phase: 'keys' | 'usage') => void;

/** A gateway lists hashes when it hashes keys, Tyk key IDs otherwise (docs/tyk-api.md §1.3). */
const HASH = /^(?:[0-9a-f]{8}|[0-9a-f]{16}|[0-9a-f]{32}|[0-9a-f]{64})$/;

/**
 * Reads every key Tyk lets the bot list into the inventory: the Dashboard's `keys/detailed` page by
 * page, else the Gateway's listing with one read per key, else the keys the bot itself imported or
 * rotated; `IMPORT_CONCURRENCY` calls at a time, as an import. Keys are committed as they come, a
 * batch per transaction, so memory holds a few pages, not the fleet. Keys no longer in Tyk leave the
 * inventory once a scan completes. Then the usage check (usage.ts), incremental across scans.
 */
export async function scanInventory(d: WorkflowDeps, progress: ScanProgress = () => undefined): Promise<ScanResult> {
  const started = d.clock.now();
  const scanId = newId('scan');
  const limit = d.config.importConcurrency;
  let done = 0;
  const writes = batchedWrites<{ session: Session; listed: ListedRef }>(d, (items) => {
    const now = d.clock.now();
    for (const i of items) d.store.inventory.put(scannedKey(i.session, i.listed), scanId, now);
  });
  const put: Put = (items) => {
    for (const i of items) writes.add(i);
    done += items.length;
  };
  const keysProgress = (total: number | null) => progress(done, total, 'keys');
  const source = await scanDashboard(d, limit, put, keysProgress).then(async (s) => s ?? (await scanGateway(d, limit, put, keysProgress)));
  writes.flush();
  const removed = d.store.inventory.prune(scanId);
  const usageChecked = await checkUsage(d, limit, (n, of) => progress(n, of, 'usage'));
  const result = { source, keys: done, removed, usageChecked, ms: d.clock.now() - started };
  d.log.info(result, 'inventory scanned');
  return result;
}

type Put = (items: Array<{ session: Session; listed: ListedRef }>) => void;

async function scanDashboard(
  d: WorkflowDeps,
  limit: number,
  put: Put,
  progress: (total: number | null) => void,
): Promise<ScanSource | null> {
  const page = d.tyk.keys.detailedPage;
  if (!page) return null;
  const first = await page(1);
  if (!first) return null;
  const take = (p: NonNullable<typeof first>) =>
    put(p.keys.map((k) => ({ session: k.session, listed: { token: k.token, keyHash: k.keyHash || keyHash(k.token.reveal()) } })));
  take(first);
  const total = first.pages * Math.max(1, first.keys.length);
  progress(total);
  await forEachBounded(range(2, first.pages), limit, async (p) => {
    const next = await page(p);
    if (next) take(next);
    progress(total);
  });
  return 'dashboard';
}

async function scanGateway(d: WorkflowDeps, limit: number, put: Put, progress: (total: number | null) => void): Promise<ScanSource> {
  const keys = d.tyk.keys;
  const ids = keys.kind === 'gateway' ? await keys.list() : null;
  if (ids) {
    progress(ids.size);
    await forEachBounded(iterate(ids), limit, async (v) => {
      const id = new Secret(v);
      const listed: ListedRef = HASH.test(v) ? { hash: v } : { token: id, keyHash: keyHash(v) };
      const session = await keys.get('hash' in listed ? { hash: listed.hash } : { token: id });
      if (session) put([{ session, listed }]);
      progress(ids.size);
    });
    return 'gateway';
  }
  // Hashed listing is off: what the bot imported or rotated is all it can know of.
  const known = [...d.store.inventory.origins()];
  progress(known.length);
  await forEachBounded(iterate(known), limit, async (o) => {
    const { ref, keyHash: hash } = refOf(o.ref);
    const session = await keys.get(ref);
    if (session) put([{ session, listed: 'token' in ref ? { token: ref.token, keyHash: hash } : { hash } }]);
    progress(known.length);
  });
  return 'bot';
}

async function* range(from: number, to: number): AsyncGenerator<number> {
  for (let p = from; p <= to; p++) yield p;
}

async function* iterate<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

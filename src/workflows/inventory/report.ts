import type { Config } from '../../config.js';
import type { InventoryKey } from '../../store/inventory.js';
import { type EffectivePolicy, policyFor } from '../rotation-policy/rules.js';
import { ageBasis, IDLE_MS } from './age.js';

export type Standing = 'overdue' | 'due soon' | 'ok';

/** One live key judged against its rotation policy. */
export interface HygieneEntry {
  key: InventoryKey;
  policy: EffectivePolicy;
  /** where its age counts from (ms), null when unknown */
  since: number | null;
  /** when it reaches its max age; null without an age rule or a known age */
  dueAt: number | null;
  standing: Standing;
  noExpiry: boolean;
  noOwner: boolean;
  idle: boolean;
}

export interface HygieneCounts {
  overdue: number;
  dueSoon: number;
  noExpiry: number;
  noOwner: number;
  idle: number;
}

export interface HygieneReport {
  at: number;
  /** live keys in the inventory */
  total: number;
  counts: HygieneCounts;
  /** the most urgent keys first, at most LISTED */
  top: HygieneEntry[];
  /** every overdue key, for the owners' DMs and auto_rotate */
  overdue: HygieneEntry[];
}

export const LISTED = 20;

/** An inactive or expired key cannot be used: it needs no rotation and is no risk. */
const isLive = (k: InventoryKey, now: number) => !k.inactive && !(k.expires > 0 && k.expires * 1000 <= now);

export function judge(config: Config, k: InventoryKey, now: number): HygieneEntry {
  const policy = policyFor(config, { policies: k.policies, apis: k.apis, tags: k.tags });
  const since = ageBasis(k);
  const dueAt = policy.maxAgeMs > 0 && since !== null ? since + policy.maxAgeMs : null;
  const standing: Standing = dueAt === null ? 'ok' : now >= dueAt ? 'overdue' : now >= dueAt - policy.warnBeforeMs ? 'due soon' : 'ok';
  // Idle only where Tyk reports usage (analytics were read, or a quota counter moved), and only for a key old enough.
  const usageKnown = k.usageCheckedAt !== null || k.lastSeenAt !== null;
  const idle = usageKnown && since !== null && now - since >= IDLE_MS && (k.lastSeenAt === null || now - k.lastSeenAt >= IDLE_MS);
  return { key: k, policy, since, dueAt, standing, noExpiry: k.expires <= 0, noOwner: !k.ownerSlackId && !k.ownerEmail, idle };
}

const RANK: Record<Standing, number> = { overdue: 0, 'due soon': 1, ok: 2 };
const flags = (e: HygieneEntry) => Number(e.idle) + Number(e.noOwner) + Number(e.noExpiry);
const needsAttention = (e: HygieneEntry) => e.standing !== 'ok' || flags(e) > 0;

/** Most urgent first: overdue (longest overdue first), due soon (soonest first), then the most problems, the oldest. */
export function byUrgency(a: HygieneEntry, b: HygieneEntry): number {
  return (
    RANK[a.standing] - RANK[b.standing] ||
    (a.dueAt ?? Number.MAX_SAFE_INTEGER) - (b.dueAt ?? Number.MAX_SAFE_INTEGER) ||
    flags(b) - flags(a) ||
    (a.since ?? Number.MAX_SAFE_INTEGER) - (b.since ?? Number.MAX_SAFE_INTEGER) ||
    a.key.alias.localeCompare(b.key.alias)
  );
}

/** The hygiene report over the whole inventory; memory holds the keys that need attention, not every key. */
export function hygieneReport(config: Config, keys: Iterable<InventoryKey>, now: number): HygieneReport {
  const counts: HygieneCounts = { overdue: 0, dueSoon: 0, noExpiry: 0, noOwner: 0, idle: 0 };
  const attention: HygieneEntry[] = [];
  let total = 0;
  for (const k of keys) {
    if (!isLive(k, now)) continue;
    total++;
    const e = judge(config, k, now);
    if (e.standing === 'overdue') counts.overdue++;
    if (e.standing === 'due soon') counts.dueSoon++;
    if (e.noExpiry) counts.noExpiry++;
    if (e.noOwner) counts.noOwner++;
    if (e.idle) counts.idle++;
    if (needsAttention(e)) attention.push(e);
  }
  attention.sort(byUrgency);
  return { at: now, total, counts, top: attention.slice(0, LISTED), overdue: attention.filter((e) => e.standing === 'overdue') };
}

/** Every live key of the report, most urgent first, for the CSV. */
export function allEntries(config: Config, keys: Iterable<InventoryKey>, now: number): HygieneEntry[] {
  const out: HygieneEntry[] = [];
  for (const k of keys) if (isLive(k, now)) out.push(judge(config, k, now));
  return out.sort(byUrgency);
}

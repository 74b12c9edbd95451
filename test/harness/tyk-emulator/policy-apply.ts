import type { AccessRight, EmulatorPolicy, GatewayVersion, Session } from './types.js';
import { inactiveRule } from './version.js';

export type Applied = { ok: true; session: Partial<Session> } | { ok: false; reason: string };

/** `PolicyIDs()`: apply_policies, else the deprecated single apply_policy_id. */
function policyIds(session: Partial<Session>): string[] {
  if (session.apply_policies && session.apply_policies.length > 0) return session.apply_policies;
  return typeof session['apply_policy_id'] === 'string' && session['apply_policy_id'] !== '' ? [session['apply_policy_id']] : [];
}

/**
 * The policy-merged view of a stored session (internal/policy/apply.go, simplified to policies
 * without partitions): the policies' ACLs replace the key's, the most generous rate and quota win,
 * tags and meta data are merged, and `is_inactive` follows the version table of docs/tyk-api.md §1.5.
 */
export function applyPolicies(stored: Partial<Session>, all: EmulatorPolicy[], version: GatewayVersion): Applied {
  const view = structuredClone(stored);
  // Apply leaves meta_data a map and tags a list, policies or not (internal/policy/apply.go), so
  // gateways that send every field show {} and [] where nothing was stored (seen on 5.8.1)
  view.meta_data ??= {};
  view.tags = [...(view.tags ?? [])];
  const ids = policyIds(stored);
  const rule = inactiveRule(version);
  if (ids.length === 0) {
    if (rule === 'regression') view.is_inactive = false; // TT-15141: the key's own flag is lost
    return { ok: true, session: view };
  }
  const policies: EmulatorPolicy[] = [];
  for (const id of ids) {
    const policy = all.find((p) => p.id === id);
    if (!policy) return { ok: false, reason: `policy not found: ${id}` };
    if (policy.org_id !== (stored.org_id ?? ''))
      return { ok: false, reason: 'attempting to apply policy from different organisation to key' };
    policies.push(policy);
  }

  const rights: Record<string, AccessRight> = {};
  for (const p of policies) for (const [apiId, r] of Object.entries(p.access_rights)) rights[apiId] = structuredClone(r);
  if (Object.keys(rights).length > 0) view.access_rights = rights;

  const byRate = maxBy(policies, (p) => (p.rate <= 0 ? Infinity : p.rate / (p.per || 1)));
  view.rate = byRate.rate;
  view.per = byRate.per;
  view.allowance = byRate.rate;
  const byQuota = maxBy(policies, (p) => (p.quota_max < 0 ? Infinity : p.quota_max));
  view.quota_max = byQuota.quota_max;
  view.quota_renewal_rate = byQuota.quota_renewal_rate;

  const policyTags = policies.flatMap((p) => p.tags ?? []);
  if (policyTags.length > 0) view.tags = [...new Set([...(view.tags ?? []), ...policyTags])];
  const policyMeta = Object.assign({}, ...policies.map((p) => p.meta_data ?? {})) as Record<string, unknown>;
  if (Object.keys(policyMeta).length > 0) view.meta_data = { ...(view.meta_data ?? {}), ...policyMeta };

  const anyPolicyInactive = policies.some((p) => p.is_inactive === true);
  view.is_inactive = rule === 'key-or-policy' ? stored.is_inactive === true || anyPolicyInactive : anyPolicyInactive;
  return { ok: true, session: view };
}

/** Expiry a new key gets from its policies' `key_expires_in` (only on first creation, docs/tyk-api.md §1.4). */
export function policyExpiry(stored: Partial<Session>, all: EmulatorPolicy[], nowSeconds: number): number | undefined {
  const ttl = Math.max(0, ...policyIds(stored).map((id) => all.find((p) => p.id === id)?.key_expires_in ?? 0));
  return ttl > 0 ? nowSeconds + ttl : undefined;
}

function maxBy<T>(items: T[], score: (t: T) => number): T {
  return items.reduce((best, t) => (score(t) > score(best) ? t : best));
}

/**
 * How a gateway release combines a key's own `is_inactive` with its policies (docs/tyk-behaviour.md
 * "Inactive keys and policies", read in `internal/policy/apply.go` at each release):
 * - 'key-or-policy': up to 5.8.6, 5.9.x and 5.10.0 — the key is inactive if its flag or any policy says so;
 * - 'regression': 5.8.7–5.8.9 and 5.10.1+ — the key's flag is always ignored (TT-15141);
 * - 'policies-decide': 5.8.10+ and 5.11+ — with policies only they decide, without them the key's flag;
 * - 'unknown': no version, or a development build (`v5.5.0-dev` is what an untagged build reports).
 */
export type InactiveRule = 'key-or-policy' | 'regression' | 'policies-decide' | 'unknown';

/** The release in the `version` field of `GET /hello` (e.g. `v5.8.1`, `v5.12.1-rc2`), as numbers; null when it is not one. */
export function parseGatewayVersion(version: string | null | undefined): [number, number, number] | null {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(-.*)?$/.exec(version ?? '');
  if (!m || m[4]?.includes('dev')) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

export function inactiveRuleOf(version: string | null | undefined): InactiveRule {
  const v = parseGatewayVersion(version);
  if (!v) return 'unknown';
  const [major, minor, patch] = v;
  if (major < 5 || (major === 5 && minor < 8)) return 'key-or-policy';
  if (major > 5 || minor >= 11) return 'policies-decide';
  if (minor === 8) return patch <= 6 ? 'key-or-policy' : patch <= 9 ? 'regression' : 'policies-decide';
  if (minor === 9) return 'key-or-policy';
  return patch === 0 ? 'key-or-policy' : 'regression'; // 5.10
}

/**
 * Why an inactive key must not be created on this gateway, or null when creating it inactive is
 * faithful. An unknown release is taken to let policies decide (the newer lines do).
 */
export function inactiveSkipReason(rule: InactiveRule, hasPolicies: boolean): 'inactive_with_policies' | 'inactive_ignored' | null {
  if (rule === 'key-or-policy') return null;
  if (hasPolicies) return 'inactive_with_policies';
  return rule === 'regression' ? 'inactive_ignored' : null;
}

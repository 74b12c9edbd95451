import type { AccessRight, ApiLimit, Session } from './session.js';

const LIMIT_FIELDS = [
  'rate',
  'per',
  'quota_max',
  'quota_renewal_rate',
  'throttle_interval',
  'throttle_retry_limit',
  'max_query_depth',
] as const;

/**
 * The fields in which two sessions differ, over what a key grants: policies, access rights (API
 * ids, versions, allowed URLs, limits), rate/per, quota size and window, alias, tags, meta data,
 * expiry, inactive flag. Used to check a read-back after create/update and to tell an identical
 * import from a conflict. Order never matters (tags, policies, versions, URLs, methods); counters
 * and timestamps Tyk manages are not compared. Returns [] when equivalent.
 */
export function sessionsEquivalent(a: Session, b: Session): string[] {
  const diff: string[] = [];
  const check = (field: string, same: boolean) => same || diff.push(field);
  check('apply_policies', sameSet(a.apply_policies, b.apply_policies));
  diff.push(...accessRightsDiff(a.access_rights, b.access_rights));
  for (const f of ['rate', 'per', 'quota_max', 'quota_renewal_rate'] as const) check(f, a[f] === b[f]);
  check('alias', a.alias === b.alias);
  check('tags', sameSet(a.tags, b.tags));
  check('meta_data', canonical(a.meta_data) === canonical(b.meta_data));
  check('expires', never(a.expires) === never(b.expires));
  check('is_inactive', a.is_inactive === b.is_inactive);
  return diff;
}

function accessRightsDiff(a: Record<string, AccessRight>, b: Record<string, AccessRight>): string[] {
  if (!sameSet(Object.keys(a), Object.keys(b))) return ['access_rights'];
  const diff: string[] = [];
  for (const [api, left] of Object.entries(a)) {
    const right = b[api];
    if (!right) continue;
    if (!sameSet(left.versions, right.versions)) diff.push(`access_rights.${api}.versions`);
    if (!sameSet(left.allowed_urls.map(urlKey), right.allowed_urls.map(urlKey))) diff.push(`access_rights.${api}.allowed_urls`);
    if (!sameLimit(left.limit, right.limit)) diff.push(`access_rights.${api}.limit`);
  }
  return diff;
}

/** A missing per-API limit is the all-zero one (omitzero gateways leave it out). */
function sameLimit(a: ApiLimit | undefined, b: ApiLimit | undefined): boolean {
  return LIMIT_FIELDS.every((f) => (a?.[f] ?? 0) === (b?.[f] ?? 0));
}

const urlKey = (u: { url: string; methods: string[] }) => `${u.url} ${[...u.methods].sort().join(',')}`;

/** Tyk treats any `expires` below 1 as "never" (docs/tyk-api.md §1.4). */
const never = (expires: number) => (expires < 1 ? 0 : expires);

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((v, i) => v === right[i]);
}

/** JSON with object keys sorted at every level, so key order does not count as a difference. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : value,
  );
}

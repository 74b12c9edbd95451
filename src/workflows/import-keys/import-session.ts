import type { ImportSession } from '../../importers/index.js';
import type { Session, SessionInput } from '../../tyk/session.js';

/** The session POSTed for an imported key: the 11 mapped fields as mapped, pass-through fields (Tyk→Tyk), the org. */
export function toTykSession(s: ImportSession, extra: Record<string, unknown> | undefined, orgId: string): SessionInput {
  return { ...extra, ...s, org_id: orgId, allowance: Math.max(s.rate, 0) };
}

const never = (e: number) => (e < 1 ? 0 : e);
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
const limitOf = (l: { rate?: number; per?: number; quota_max?: number; quota_renewal_rate?: number } | undefined) =>
  [l?.rate ?? 0, l?.per ?? 0, l?.quota_max ?? 0, l?.quota_renewal_rate ?? 0].join('/');

/**
 * How an existing key differs from an import record, over the fields the import sets (docs/import-mapping.md's
 * 11). Tyk's read is policy-merged, so what a policy fills in on read is not a difference: with
 * policies, rights and limits come from them; tags and meta data may gain policy entries.
 */
export function importDiff(wanted: ImportSession, existing: Session): string[] {
  const diff: string[] = [];
  const check = (field: string, same: boolean) => same || diff.push(field);
  check('alias', wanted.alias === existing.alias);
  check('expires', never(wanted.expires) === never(existing.expires));
  check('is_inactive', wanted.is_inactive === existing.is_inactive);
  check('apply_policies', sameSet(wanted.apply_policies, existing.apply_policies));
  check(
    'tags',
    wanted.tags.every((t) => existing.tags.includes(t)),
  );
  check(
    'meta_data',
    Object.entries(wanted.meta_data).every(([k, v]) => JSON.stringify(existing.meta_data[k]) === JSON.stringify(v)),
  );
  if (wanted.apply_policies.length === 0) {
    for (const f of ['rate', 'per', 'quota_max', 'quota_renewal_rate'] as const) check(f, wanted[f] === existing[f]);
    const apis = Object.keys(wanted.access_rights);
    check(
      'access_rights',
      sameSet(apis, Object.keys(existing.access_rights)) &&
        apis.every((a) => {
          const w = wanted.access_rights[a];
          const e = existing.access_rights[a];
          return w && e && sameSet(w.versions, e.versions) && limitOf(w.limit) === limitOf(e.limit);
        }),
    );
  }
  return diff;
}

import type { ImportSession } from './types.js';

/**
 * The IDs of the policies and APIs a record grants, as read from a file (docs/import-mapping.md
 * §0.2 "IDs"): letters, digits and `. _ : -`, 1 to 128 characters. Anything else (a space, a line
 * break, `<`, an invisible character) is no Tyk ID: the record is refused, never half applied.
 */
export const TYK_ID = /^[A-Za-z0-9._:-]{1,128}$/;
export const isTykId = (id: unknown): boolean => typeof id === 'string' && TYK_ID.test(id);

const RULE = 'letters, digits and . _ : - only, 1 to 128 characters';

/** Why the session's policy or API IDs cannot be used, naming the position (never the value); null when they all can. */
export function badGrantId(s: Pick<ImportSession, 'access_rights' | 'apply_policies'>): string | null {
  const apis = Object.entries(s.access_rights);
  for (const [i, [id, right]] of apis.entries())
    if (!isTykId(id) || (right.api_id !== undefined && right.api_id !== id))
      return `API ${i + 1} of ${apis.length} in access_rights is not a Tyk API ID (${RULE})`;
  for (const [i, id] of s.apply_policies.entries())
    if (!isTykId(id)) return `policy ${i + 1} of ${s.apply_policies.length} is not a Tyk policy ID (${RULE})`;
  return null;
}

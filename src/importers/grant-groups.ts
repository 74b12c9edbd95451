import type { ApiRef } from './api-ref.js';
import { setOwn } from './own-property.js';
import type { ImportAccessRight, ImportLimit } from './types.js';
import { defaultGrant, hasAnyLimit, sameLimit, UNLIMITED } from './unlimited.js';

/** One AWS usage plan or Apigee API product on a key: its APIs share one limit set and one counter. */
export interface GrantGroup {
  id: string;
  apis: ApiRef[];
  limit: ImportLimit;
}

export interface MergedGrants {
  access_rights: Record<string, ImportAccessRight>;
  limit: ImportLimit;
  warnings: string[];
}

/**
 * docs/import-mapping.md §0.5. An API granted by an earlier group is not granted again. When every group that
 * granted something has the same limits they become the session's; otherwise the session is
 * unlimited and each API carries its group's `limit` with `allowance_scope` = group id, so APIs of
 * one group share a counter (as in AWS and Apigee) and groups stay apart.
 */
export function mergeGrantGroups(groups: readonly GrantGroup[]): MergedGrants {
  const warnings: string[] = [];
  const owner = new Map<string, { api: ApiRef; group: GrantGroup }>();
  const granting: GrantGroup[] = [];
  for (const group of groups) {
    let granted = false;
    for (const api of group.apis) {
      if (owner.has(api.api_id)) {
        if (owner.get(api.api_id)?.group !== group) warnings.push('api_in_multiple_plans');
        continue;
      }
      owner.set(api.api_id, { api, group });
      granted = true;
    }
    if (granted) granting.push(group);
  }
  const first = granting[0];
  const uniform = granting.every((g) => first === undefined || sameLimit(g.limit, first.limit));
  const access_rights: Record<string, ImportAccessRight> = {};
  for (const [apiId, { api, group }] of owner) {
    const right: ImportAccessRight = defaultGrant(api);
    if (!uniform && hasAnyLimit(group.limit)) {
      right.limit = { ...group.limit };
      right.allowance_scope = group.id;
    }
    setOwn(access_rights, apiId, right);
  }
  return {
    access_rights,
    limit: uniform && first ? { ...first.limit } : { ...UNLIMITED },
    warnings: [...new Set(warnings)],
  };
}

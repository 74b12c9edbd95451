import type { ImportLimit } from './types.js';

/** docs/import-mapping.md §0.1 canonical "no rate limit, no quota". */
export const UNLIMITED: Readonly<ImportLimit> = Object.freeze({ rate: -1, per: -1, quota_max: -1, quota_renewal_rate: -1 });

export const hasAnyLimit = (l: ImportLimit): boolean => l.rate !== -1 || l.per !== -1 || l.quota_max !== -1 || l.quota_renewal_rate !== -1;

export const sameLimit = (a: ImportLimit, b: ImportLimit): boolean =>
  a.rate === b.rate && a.per === b.per && a.quota_max === b.quota_max && a.quota_renewal_rate === b.quota_renewal_rate;

/** `{api_id, api_name, versions: ["Default"]}`, the grant every non-Tyk source produces. */
export const defaultGrant = (api: { api_id: string; api_name: string }) => ({
  api_id: api.api_id,
  api_name: api.api_name,
  versions: ['Default'],
});

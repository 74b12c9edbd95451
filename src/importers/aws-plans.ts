import { type ApiRef, resolveApi } from './api-ref.js';
import { objectsIn, optArray, optNumber, optObject, optString } from './field-readers.js';
import type { GrantGroup } from './grant-groups.js';
import { normaliseRate } from './normalise-rate.js';
import { isObject } from './own-property.js';
import { invalidField } from './record-error.js';
import type { ImportOptions } from './types.js';
import { UNLIMITED } from './unlimited.js';

/** AWS quota periods (QuotaSettings.period); MONTH is a 30-day window from first use (docs/import-mapping.md §0.1). */
const QUOTA_PERIODS: Record<string, number> = { DAY: 86_400, WEEK: 604_800, MONTH: 2_592_000 };

/** `get-usage-plans` output (`items`, or `item` in raw REST) by plan id, in file order. */
export function usagePlansById(doc: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const list = Array.isArray(doc.items) ? doc.items : Array.isArray(doc.item) ? doc.item : [];
  return new Map(list.filter(isObject).flatMap((p) => (typeof p.id === 'string' ? [[p.id, p] as const] : [])));
}

/**
 * The grant groups of the plans a key is in (docs/import-mapping.md §2.3), in the order given. A plan id missing
 * from the plans file grants nothing and warns `unknown_usage_plan`.
 */
export function planGroups(
  planIds: readonly string[],
  plans: ReadonlyMap<string, Record<string, unknown>>,
  options: ImportOptions,
): { groups: GrantGroup[]; warnings: string[] } {
  const groups: GrantGroup[] = [];
  const warnings: string[] = [];
  for (const id of planIds) {
    const plan = plans.get(id);
    if (!plan) {
      warnings.push('unknown_usage_plan');
      continue;
    }
    const label = `usage plan ${id}`;
    const apis: ApiRef[] = [];
    for (const stage of objectsIn(optArray(plan, 'apiStages', `${label} apiStages`), `${label} apiStages`)) {
      const apiId = optString(stage, 'apiId', `${label} apiStages apiId`);
      const stageName = optString(stage, 'stage', `${label} apiStages stage`);
      if (!apiId || !stageName) throw invalidField(`${label}: each apiStages entry needs apiId and stage`);
      apis.push(resolveApi(options, `${apiId}/${stageName}`, { api_id: `${apiId}-${stageName}`, api_name: `${apiId}/${stageName}` }));
      const methodThrottle = optObject(stage, 'throttle', `${label} apiStages throttle`);
      if (methodThrottle && Object.keys(methodThrottle).length > 0) warnings.push('method_throttle_dropped');
    }
    const limit = { ...UNLIMITED };
    const throttle = optObject(plan, 'throttle', `${label} throttle`);
    const rateLimit = throttle ? optNumber(throttle, 'rateLimit', `${label} throttle.rateLimit`) : undefined;
    if (rateLimit !== undefined) {
      if (!(rateLimit > 0)) throw invalidField(`${label} throttle.rateLimit must be greater than 0`);
      // rateLimit is requests per second and may be fractional; burstLimit has no Tyk equivalent
      Object.assign(limit, normaliseRate(rateLimit, 1));
    }
    const quota = optObject(plan, 'quota', `${label} quota`);
    if (quota) {
      const max = optNumber(quota, 'limit', `${label} quota.limit`);
      const period = optString(quota, 'period', `${label} quota.period`);
      const seconds = period === undefined ? undefined : QUOTA_PERIODS[period.toUpperCase()];
      if (max === undefined || !Number.isInteger(max) || max <= 0)
        throw invalidField(`${label} quota.limit must be a whole number greater than 0`);
      if (seconds === undefined) throw invalidField(`${label} quota.period must be DAY, WEEK or MONTH`);
      Object.assign(limit, { quota_max: max, quota_renewal_rate: seconds });
      if ((optNumber(quota, 'offset', `${label} quota.offset`) ?? 0) !== 0) warnings.push('quota_offset_ignored');
    }
    groups.push({ id, apis, limit });
  }
  return { groups, warnings };
}

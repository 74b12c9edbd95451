import { type ApiRef, resolveApi } from './api-ref.js';
import { optNumeric, optString } from './field-readers.js';
import type { GrantGroup } from './grant-groups.js';
import { isObject } from './own-property.js';
import { periodSeconds } from './periods.js';
import { invalidField } from './record-error.js';
import type { ImportOptions } from './types.js';
import { UNLIMITED } from './unlimited.js';

const OPERATION_GROUPS = ['operationGroup', 'graphqlOperationGroup', 'grpcOperationGroup'] as const;

/**
 * One API product as a grant group (docs/import-mapping.md §3.3): APIs are `proxies` then the `apiSource` of
 * operation/graphql/grpc groups; the product quota stays a Tyk quota whatever its unit (it is a
 * quota in Apigee, not a rate limiter); products carry no rate.
 */
export function productGroup(product: Record<string, unknown>, options: ImportOptions): { group: GrantGroup; warnings: string[] } {
  const name = optString(product, 'name', 'product name') ?? '';
  const label = `product ${name}`;
  const warnings: string[] = [];
  const sources: string[] = Array.isArray(product.proxies) ? product.proxies.filter((p): p is string => typeof p === 'string') : [];
  for (const groupName of OPERATION_GROUPS) {
    const group = product[groupName];
    const configs = isObject(group) && Array.isArray(group.operationConfigs) ? group.operationConfigs.filter(isObject) : [];
    for (const config of configs) {
      if (typeof config.apiSource === 'string') sources.push(config.apiSource);
      if (isObject(config.quota) && Object.keys(config.quota).length > 0) warnings.push('operation_quota_dropped');
    }
  }
  const apis: ApiRef[] = [...new Set(sources)].map((s) => resolveApi(options, s, { api_id: s, api_name: s }));
  const limit = { ...UNLIMITED };
  const quota = optNumeric(product, 'quota', `${label} quota`);
  if (quota !== undefined) {
    if (!Number.isInteger(quota) || quota <= 0) throw invalidField(`${label} quota must be a whole number greater than 0`);
    const interval = optNumeric(product, 'quotaInterval', `${label} quotaInterval`) ?? 1;
    if (!Number.isInteger(interval) || interval <= 0) throw invalidField(`${label} quotaInterval must be a whole number greater than 0`);
    const unit = optString(product, 'quotaTimeUnit', `${label} quotaTimeUnit`);
    const seconds = unit === undefined ? undefined : periodSeconds(unit, ['second', 'minute', 'hour', 'day', 'week', 'month']);
    if (seconds === undefined) warnings.push('quota_unit_unknown');
    else Object.assign(limit, { quota_max: quota, quota_renewal_rate: interval * seconds });
  }
  return { group: { id: name, apis, limit }, warnings };
}

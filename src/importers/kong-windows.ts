import { isRateLimit, type KongPlugin } from './kong-plugins.js';
import { normaliseRate } from './normalise-rate.js';
import { PERIOD_SECONDS } from './periods.js';
import { invalidField } from './record-error.js';
import type { ImportLimit } from './types.js';
import { UNLIMITED } from './unlimited.js';

interface Window {
  limit: number;
  seconds: number;
}

export interface KongLimits {
  limit: ImportLimit;
  warnings: string[];
  /** a mapped window is counted per consumer in Kong (limit_by/identifier `consumer`) */
  perConsumer: boolean;
}

const RATE_LIMITING_FIELDS = ['second', 'minute', 'hour', 'day', 'month', 'year'] as const;
const MAPPED_SCOPES = new Set(['consumer', 'credential']);

/**
 * docs/import-mapping.md §1.4 "Windows": windows under a day become the rate (shortest kept), a day or longer
 * the quota (longest kept). Tyk's rate limiter keeps per-request state over its window and is meant
 * for short windows; day-and-longer allowances are what Tyk quotas are for.
 */
export function kongLimits(plugins: readonly KongPlugin[]): KongLimits {
  const warnings: string[] = [];
  const windows: Window[] = [];
  let perConsumer = false;
  for (const p of plugins) {
    if (!p.enabled || !isRateLimit(p)) continue;
    const advanced = p.name === 'rate-limiting-advanced';
    const scope = (advanced ? p.config.identifier : p.config.limit_by) ?? 'consumer';
    if (typeof scope !== 'string' || !MAPPED_SCOPES.has(scope)) {
      warnings.push('rate_limit_not_per_consumer');
      continue;
    }
    const found = advanced ? advancedWindows(p.config) : basicWindows(p.config);
    windows.push(...found);
    if (scope === 'consumer' && found.length > 0) perConsumer = true;
  }
  const byStrictness = (a: Window, b: Window) => a.limit - b.limit;
  const rates = windows.filter((w) => w.seconds < PERIOD_SECONDS.day);
  const quotas = windows.filter((w) => w.seconds >= PERIOD_SECONDS.day);
  const shortest = Math.min(...rates.map((w) => w.seconds));
  const longest = Math.max(...quotas.map((w) => w.seconds));
  // at equal length (two plugins), the stricter limit is the one Kong enforces first
  const rate = rates.filter((w) => w.seconds === shortest).sort(byStrictness)[0];
  const quota = quotas.filter((w) => w.seconds === longest).sort(byStrictness)[0];
  if (rates.length > 1) warnings.push('rate_window_dropped');
  if (quotas.length > 1) warnings.push('quota_window_dropped');
  const limit = { ...UNLIMITED };
  if (rate) Object.assign(limit, normaliseRate(rate.limit, rate.seconds));
  if (quota) Object.assign(limit, { quota_max: quota.limit, quota_renewal_rate: quota.seconds });
  return { limit, warnings, perConsumer };
}

function basicWindows(config: Record<string, unknown>): Window[] {
  return RATE_LIMITING_FIELDS.flatMap((field) => {
    const v = config[field];
    if (v === undefined || v === null) return [];
    if (typeof v !== 'number' || !(v > 0)) throw invalidField(`rate-limiting ${field} must be a number greater than 0`);
    return [{ limit: v, seconds: PERIOD_SECONDS[field] }];
  });
}

function advancedWindows(config: Record<string, unknown>): Window[] {
  const limits = config.limit;
  const sizes = config.window_size;
  if (!Array.isArray(limits) || !Array.isArray(sizes) || limits.length !== sizes.length) {
    throw invalidField('rate-limiting-advanced limit and window_size must be lists of the same length');
  }
  return limits.map((limit, i) => {
    const seconds = sizes[i];
    if (typeof limit !== 'number' || !(limit > 0) || typeof seconds !== 'number' || !(seconds > 0)) {
      throw invalidField('rate-limiting-advanced limit and window_size entries must be numbers greater than 0');
    }
    return { limit, seconds };
  });
}

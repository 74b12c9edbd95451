import { normaliseRate } from './normalise-rate.js';
import { invalidField } from './record-error.js';
import type { ImportLimit } from './types.js';
import { UNLIMITED } from './unlimited.js';

const ELEMENT = /<(rate-limit-by-key|quota-by-key|rate-limit|quota)(?=[\s/>])([^>]*?)(\/?)>/g;
const ATTRIBUTE = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Limits of an APIM product policy (docs/import-mapping.md §4.3): the first `<rate-limit>` inside `<inbound>`
 * gives rate/per, the first `<quota calls>` the quota. Per-API/operation children, key-based
 * counters and bandwidth quotas have no session-level equivalent and are warned.
 */
export function policyLimits(xml: string, product: string): { limit: ImportLimit; warnings: string[] } {
  const limit = { ...UNLIMITED };
  const warnings: string[] = [];
  const inbound = /<inbound\b[^>]*>([\s\S]*?)<\/inbound\s*>/i.exec(xml.replace(/<!--[\s\S]*?-->/g, ''))?.[1] ?? '';
  let rateSeen = false;
  let quotaSeen = false;
  for (const m of inbound.matchAll(ELEMENT)) {
    const [, tag, attrText = '', selfClosing] = m;
    if (tag === 'rate-limit-by-key' || tag === 'quota-by-key') {
      warnings.push('policy_not_mapped');
      continue;
    }
    const attrs = new Map([...attrText.matchAll(ATTRIBUTE)].map((a) => [a[1], a[2] ?? a[3] ?? '']));
    if (!selfClosing) {
      const body = inbound.slice((m.index ?? 0) + m[0].length, inbound.indexOf(`</${tag}`, m.index));
      if (/<(api|operation)[\s/>]/.test(body)) warnings.push('per_api_policy_ignored');
    }
    const label = `product ${product} ${tag}`;
    if (tag === 'rate-limit' && !rateSeen) {
      rateSeen = true;
      Object.assign(
        limit,
        normaliseRate(count(attrs.get('calls'), `${label} calls`, 1), count(attrs.get('renewal-period'), `${label} renewal-period`, 1)),
      );
    } else if (tag === 'quota' && !quotaSeen) {
      if (!attrs.has('calls')) {
        if (attrs.has('bandwidth')) warnings.push('bandwidth_quota_ignored');
        continue;
      }
      quotaSeen = true;
      // renewal-period 0 = a lifetime quota, which Tyk expresses as quota_renewal_rate <= 0
      limit.quota_max = count(attrs.get('calls'), `${label} calls`, 1);
      limit.quota_renewal_rate = count(attrs.get('renewal-period'), `${label} renewal-period`, 0);
    }
  }
  return { limit, warnings };
}

function count(text: string | undefined, label: string, min: number): number {
  if (text === undefined || !/^\s*\d+\s*$/.test(text) || Number(text) < min) {
    throw invalidField(`${label} must be a whole number${min > 0 ? ' greater than 0' : ''} (policy expressions are not supported)`);
  }
  return Number(text);
}

import { normaliseRate } from './normalise-rate.js';
import { invalidField, RecordError } from './record-error.js';
import type { ImportLimit } from './types.js';
import { UNLIMITED } from './unlimited.js';

/** Start of an element the limits care about; the lookahead is one character, so the scan stays linear. */
const ELEMENT_START = /<(rate-limit-by-key|quota-by-key|rate-limit|quota)(?=[\s/>])/g;
const NESTED_SCOPE = /<(?:api|operation)[\s/>]/g;
/** The lookbehind starts a name only at the start of a word, so a long run of letters is not rescanned from each of its characters. */
const ATTRIBUTE = /(?<![\w:-])([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export interface PolicyLimits {
  limit: ImportLimit;
  warnings: string[];
}

/**
 * Limits of an APIM product policy (docs/import-mapping.md §4.3): the first `<rate-limit>` inside `<inbound>`
 * gives rate/per, the first `<quota calls>` the quota. Per-API/operation children, key-based
 * counters and bandwidth quotas have no session-level equivalent and are warned.
 * Every search moves forward through the text (indexOf from the last position, regexes without
 * backtracking over the text), so a hostile 100 KiB policy costs a single pass, not one per tag.
 */
export function policyLimits(xml: string, product: string): PolicyLimits {
  const limit = { ...UNLIMITED };
  const warnings: string[] = [];
  const inbound = inboundSection(withoutComments(xml));
  const nested = positions(inbound, NESTED_SCOPE);
  const closers = new Map<string, number[]>();
  let rateSeen = false;
  let quotaSeen = false;
  for (const m of inbound.matchAll(ELEMENT_START)) {
    const tag = m[1] as string;
    const start = m.index ?? 0;
    const close = inbound.indexOf('>', start);
    if (close === -1) break; // no later element can be complete either
    if (tag === 'rate-limit-by-key' || tag === 'quota-by-key') {
      warnings.push('policy_not_mapped');
      continue;
    }
    const selfClosing = inbound[close - 1] === '/';
    const attrText = inbound.slice(start + m[0].length, selfClosing ? close - 1 : close);
    const attrs = new Map([...attrText.matchAll(ATTRIBUTE)].map((a) => [a[1], a[2] ?? a[3] ?? '']));
    if (!selfClosing) {
      const closer = closers.get(tag) ?? positions(inbound, new RegExp(`</${tag}`, 'g'));
      closers.set(tag, closer);
      const end = firstAtOrAfter(closer, close) ?? inbound.length;
      if (anyWithin(nested, close, end)) warnings.push('per_api_policy_ignored');
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

/**
 * policyLimits once per distinct policy: every subscription of a product shares its policy, so a
 * 100,000-key export reads each policy text once. A policy that cannot be read fails each of its
 * records with the same reason.
 */
export function policyLimitsOnce(): (xml: string, product: string) => PolicyLimits {
  const seen = new Map<string, PolicyLimits | RecordError>();
  return (xml, product) => {
    const id = `${product}\u0000${xml}`;
    let result = seen.get(id);
    if (result === undefined) {
      try {
        result = policyLimits(xml, product);
      } catch (e) {
        if (!(e instanceof RecordError)) throw e;
        result = e;
      }
      seen.set(id, result);
    }
    if (result instanceof RecordError) throw result;
    return { limit: { ...result.limit }, warnings: [...result.warnings] };
  };
}

function withoutComments(xml: string): string {
  let out = '';
  let from = 0;
  for (let open = xml.indexOf('<!--'); open !== -1; open = xml.indexOf('<!--', from)) {
    out += xml.slice(from, open);
    const end = xml.indexOf('-->', open + 4);
    if (end === -1) return out; // an unclosed comment runs to the end, as the lazy regex left it
    from = end + 3;
  }
  return out + xml.slice(from);
}

/** The body of the first `<inbound …>` up to the first `</inbound>` after it; '' without both. */
function inboundSection(xml: string): string {
  const lower = xml.toLowerCase();
  for (let at = lower.indexOf('<inbound'); at !== -1; at = lower.indexOf('<inbound', at + 1)) {
    const next = lower[at + '<inbound'.length] ?? '';
    if (/[\w-]/.test(next)) continue; // <inbound-x> is another element
    const open = lower.indexOf('>', at);
    if (open === -1) return '';
    const close = /<\/inbound\s*>/g;
    close.lastIndex = open + 1;
    const end = close.exec(lower);
    return end ? xml.slice(open + 1, end.index) : '';
  }
  return '';
}

function positions(text: string, re: RegExp): number[] {
  return [...text.matchAll(re)].map((m) => m.index ?? 0);
}

/** The first sorted position >= from (binary search). */
function firstAtOrAfter(sorted: number[], from: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < from) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo];
}

const anyWithin = (sorted: number[], from: number, to: number): boolean => (firstAtOrAfter(sorted, from) ?? Number.POSITIVE_INFINITY) < to;

function count(text: string | undefined, label: string, min: number): number {
  if (text === undefined || !/^\s*\d+\s*$/.test(text) || Number(text) < min) {
    throw invalidField(`${label} must be a whole number${min > 0 ? ' greater than 0' : ''} (policy expressions are not supported)`);
  }
  return Number(text);
}

import type { GatewayVersion } from './types.js';

const parts = (v: string): number[] => v.split('.').map(Number);

/** True when `version` is `min` or newer (missing patch numbers count as 0). */
export function isAtLeast(version: GatewayVersion, min: string): boolean {
  const a = parts(version);
  const b = parts(min);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

/**
 * How `is_inactive` combines with policies (docs/tyk-api.md §1.5):
 * - 'key-or-policy': up to 5.8.6 / 5.10.0 — the key flag or any inactive policy;
 * - 'regression': 5.8.7–5.8.9 and 5.10.1+ — policies alone decide, and a key without policies
 *   ignores its own flag (TT-15141);
 * - 'policies-decide': 5.8.10+ and 5.11+ — policies alone decide when there are any, else the flag.
 */
export type InactiveRule = 'key-or-policy' | 'regression' | 'policies-decide';

export function inactiveRule(version: GatewayVersion): InactiveRule {
  switch (version) {
    case '5.3':
    case '5.8.1':
    case '5.8.6':
      return 'key-or-policy';
    case '5.8.8':
    case '5.10.1':
      return 'regression';
    case '5.8.15':
    case '5.11':
    case '5.12':
    case '5.13.1':
    case '5.14':
      return 'policies-decide';
  }
}

/** Since 5.12.0 the session struct is `omitzero`: GET replies leave out zero fields (docs/tyk-api.md §1.4). */
export const omitsZeroFields = (version: GatewayVersion): boolean => isAtLeast(version, '5.12');

/**
 * A change that reached the 5.8 line in a patch release and the newer lines from `fromRelease`: true
 * when `version` has it.
 */
const since = (version: GatewayVersion, on58: string, fromRelease: string): boolean =>
  version.startsWith('5.8.') ? isAtLeast(version, on58) : isAtLeast(version, fromRelease);

/** `min_token_length` in effect: the configured value, 3 when unset (0). */
export const effectiveMinTokenLength = (configured: number): number => (configured === 0 ? 3 : configured);

/**
 * A custom key id shorter than min_token_length is refused on create (TT-17585): 5.8.15 and 5.13.1
 * onward, not 5.12.x. Go's len counts bytes, so the id is measured in UTF-8 bytes.
 */
export const isRefusedOnCreate = (version: GatewayVersion, id: string, configured: number): boolean =>
  since(version, '5.8.15', '5.13.1') && Buffer.byteLength(id) < effectiveMinTokenLength(configured);

/** The auth gate used `len <= min` (off by one) until the same releases made it `len < min`; bytes again. */
export function isTooShortAtAuth(version: GatewayVersion, key: string, configured: number): boolean {
  const bytes = Buffer.byteLength(key);
  const min = effectiveMinTokenLength(configured);
  return since(version, '5.8.15', '5.13.1') ? bytes < min : bytes <= min;
}

/** `GET /tyk/keys?api_id=` filters by API from 5.8.12 and 5.12.0; before, api_id is ignored. */
export const listsByApiId = (version: GatewayVersion): boolean => since(version, '5.8.12', '5.12');

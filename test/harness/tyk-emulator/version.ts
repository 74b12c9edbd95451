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
    case '5.8.6':
      return 'key-or-policy';
    case '5.8.8':
    case '5.10.1':
      return 'regression';
    case '5.11':
    case '5.12':
    case '5.14':
      return 'policies-decide';
  }
}

/** Since 5.12.0 the session struct is `omitzero`: GET replies leave out zero fields (docs/tyk-api.md §1.4). */
export const omitsZeroFields = (version: GatewayVersion): boolean => isAtLeast(version, '5.12');

/** Effective `min_token_length` when unset (docs/tyk-api.md §1.2, PRs #8154/#8346). */
export const MIN_TOKEN_LENGTH = 3;

/** Since 5.14.0 a custom key shorter than min_token_length is refused on create. */
export const rejectsShortCustomKeys = (version: GatewayVersion): boolean => isAtLeast(version, '5.14');

/** The auth gate used `len <= min` (off by one) until 5.14.0 fixed it to `len < min` (PR #8154). */
export const isTooShortAtAuth = (version: GatewayVersion, key: string): boolean =>
  isAtLeast(version, '5.14') ? key.length < MIN_TOKEN_LENGTH : key.length <= MIN_TOKEN_LENGTH;

import { parseGatewayVersion } from './inactive-rule.js';

/**
 * Whether a gateway release writes a consumer's session back only over a key that still exists
 * (TT-16259: 5.13.2 and later on the 5.13 line, 5.15 and later; not 5.14.x). There a deleted key can
 * keep working from a node's local cache while GET answers 404, so the read-back after a DELETE proves
 * nothing (docs/tyk-behaviour.md §4.3). An unknown release answers false: nothing to warn about.
 */
export function deleteUnprovable(version: string | null | undefined): boolean {
  const v = parseGatewayVersion(version);
  if (!v) return false;
  const [major, minor, patch] = v;
  if (major !== 5) return major > 5;
  return minor >= 15 || (minor === 13 && patch >= 2);
}

/** The start-up warning for OLD_KEY_ACTION=delete on such a gateway, or null. */
export function deleteRetirementWarning(action: string, version: string | null | undefined): string | null {
  if (action !== 'delete' || !deleteUnprovable(version)) return null;
  return `OLD_KEY_ACTION=delete on Tyk Gateway ${version}: this release can keep serving a deleted key from a node's session cache while the API says it is gone, so the bot cannot confirm the retirement. Use OLD_KEY_ACTION=expire, or set local_session_cache.disable_cached_session_state: true in tyk.conf.`;
}

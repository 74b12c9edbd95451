import type { Secret } from '../secret.js';

/**
 * How a caller names a key on the management APIs (docs/tyk-api.md §1.2):
 * - `token`: the key id Tyk returned on create (org-qualified); always works;
 * - `hash`: the `key_hash` Tyk returned; only when the gateway hashes keys;
 * - `raw`: the value the consumer sends; needs the org — from `apiId` (the API's org) or `orgId`.
 */
export type KeyRef = { token: Secret } | { hash: string } | { raw: Secret; apiId?: string; orgId?: string };

/** What a create call hands back; the bot keeps both and refers to the key by them afterwards. */
export interface CreatedKey {
  token: Secret;
  /** present when the gateway hashes keys */
  keyHash?: string;
}

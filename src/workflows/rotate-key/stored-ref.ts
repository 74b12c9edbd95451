import { Secret } from '../../secret.js';
import type { VaultStore } from '../../store/vault.js';
import type { KeyRef } from '../../tyk/key-ref.js';

/**
 * A management reference to a key (its Tyk key ID, or the raw value with its org, or its hash)
 * plus its key_hash. Both are secrets where hashing is off (docs/design.md "Secrets"), so they live in the
 * vault and the request keeps only the vault ID.
 */
export interface StoredRef {
  ref: KeyRef;
  keyHash?: string;
}

type Wire = { token: string } | { hash: string } | { raw: string; orgId?: string; apiId?: string };

export function putRef(vault: VaultStore, requestId: string, label: string, s: StoredRef, now: number): string {
  const r = s.ref;
  const wire: Wire =
    'token' in r ? { token: r.token.reveal() } : 'hash' in r ? { hash: r.hash } : { raw: r.raw.reveal(), orgId: r.orgId, apiId: r.apiId };
  return vault.put({ requestId, purpose: 'tyk-ref', label, value: JSON.stringify({ ref: wire, keyHash: s.keyHash }), now });
}

export function getRef(vault: VaultStore, id: string): StoredRef | null {
  const secret = vault.get(id);
  if (!secret) return null;
  const { ref, keyHash } = JSON.parse(secret.reveal()) as { ref: Wire; keyHash?: string };
  const keyRef: KeyRef =
    'token' in ref
      ? { token: new Secret(ref.token) }
      : 'hash' in ref
        ? { hash: ref.hash }
        : { raw: new Secret(ref.raw), orgId: ref.orgId, apiId: ref.apiId };
  return { ref: keyRef, keyHash };
}

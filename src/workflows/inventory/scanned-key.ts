import { fingerprint, Secret } from '../../secret.js';
import { inventoryIdent, type ScannedKey } from '../../store/inventory.js';
import type { KeyRef } from '../../tyk/key-ref.js';
import type { Session } from '../../tyk/session.js';

/** How a listed key is addressed later: its Tyk key ID where known, else its hash (hashing on). */
export type ListedRef = { token: Secret; keyHash: string } | { hash: string };

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Tyk's `date_created` (RFC 3339); Go's zero time and garbage count as unknown. */
export function tykCreatedAt(session: Session): number | null {
  const t = Date.parse(session.date_created ?? '');
  return Number.isFinite(t) && t > 0 ? t : null;
}

/** The inventory row of one key as Tyk reports it: display data, and its reference sealed by the store. */
export function scannedKey(session: Session, listed: ListedRef): ScannedKey {
  const hash = 'hash' in listed ? listed.hash : listed.keyHash;
  const ref: KeyRef = 'hash' in listed ? { hash: listed.hash } : { token: listed.token };
  const wire = 'token' in ref ? { token: ref.token.reveal() } : { hash };
  const meta = session.meta_data;
  return {
    ident: inventoryIdent(hash),
    // what a consumer sends is unknown for a listed key; the key ID is what management and /rotate-key use
    fingerprint: 'token' in listed ? listed.token.fingerprint : fingerprint(hash),
    alias: session.alias,
    ownerSlackId: text(meta['owner_slack_id']),
    ownerEmail: text(meta['owner_email']),
    policies: session.apply_policies,
    apis: Object.keys(session.access_rights),
    tags: session.tags,
    expires: session.expires,
    inactive: session.is_inactive,
    tykCreatedAt: tykCreatedAt(session),
    quotaRemaining: session.quota_max > 0 && typeof session.quota_remaining === 'number' ? session.quota_remaining : null,
    ref: new Secret(JSON.stringify({ ref: wire, keyHash: hash })),
  };
}

/** The reference a stored inventory row carries, back as a KeyRef for the rotation. */
export function refOf(sealed: Secret): { ref: { token: Secret } | { hash: string }; keyHash: string } {
  const { ref, keyHash } = JSON.parse(sealed.reveal()) as { ref: { token: string } | { hash: string }; keyHash: string };
  return { ref: 'token' in ref ? { token: new Secret(ref.token) } : { hash: ref.hash }, keyHash };
}

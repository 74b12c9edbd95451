import type { KeyInput } from '../../command-args/rotate-key.js';
import { fingerprint, Secret } from '../../secret.js';
import type { KeyRef } from '../../tyk/key-ref.js';
import type { KeyStore } from '../../tyk/key-store.js';
import type { Session } from '../../tyk/session.js';
import { HASH_FUNCTIONS, type HashFunction, keyHash, parseToken, tykToken } from '../../tyk/token.js';

/**
 * How the requester named the key: its `value` (what the consumer sends, so they hold it), its Tyk
 * key ID (the given text is the key ID itself), or its `hash`. A key Tyk generated has no value apart
 * from its ID; naming it counts as `key-id`.
 */
export type GivenAs = 'value' | 'key-id' | 'hash';

export interface ResolvedKey {
  ref: KeyRef;
  givenAs: GivenAs;
  keyHash?: string;
  session: Session;
  /** fingerprint of what the user gave */
  fingerprint: string;
  /** fingerprints of every form of the key's identity we know: what was given, its Tyk key ID, its key_hash */
  refs: string[];
}

let lastFormat: HashFunction = 'murmur64';

/**
 * Finds a key by whatever the user gave. `hash:` input is read by hash. Any other value is, in this
 * order: looked up by the Dashboard (its KeyData names the key ID), read as the raw value consumers
 * send (which needs the org, docs/tyk-api.md §1.2), and last read as a Tyk key ID. For a raw value
 * found on a gateway the key ID comes from trying the token of each hash_key_function format, so
 * every way of naming the key yields the same fingerprints and a second rotation of it is seen as
 * one in progress.
 */
export async function resolveKey(keys: KeyStore, input: KeyInput): Promise<ResolvedKey | null> {
  if (input.kind === 'hash') {
    const hash = input.hash.reveal();
    const session = await keys.get({ hash });
    return session
      ? { ref: { hash }, givenAs: 'hash', keyHash: hash, session, fingerprint: input.hash.fingerprint, refs: [input.hash.fingerprint] }
      : null;
  }
  const given = input.value;
  // The Dashboard reports the key ID itself (it also resolves raw values, so ask it first).
  const reported = await keys.identify({ raw: given, orgId: keys.orgId });
  if (reported) {
    const session = await keys.get({ token: reported.token });
    return session ? withToken(reported.token, session, given, reported.keyHash) : null;
  }
  // People mostly paste the value their consumer sends: try that first (a key ID given as a raw
  // value is found too: the gateway strips a leading org before deriving the token, docs/tyk-api.md §1.2).
  const asRaw = await keys.get({ raw: given, orgId: keys.orgId });
  if (!asRaw) {
    const asToken = await keys.get({ token: given });
    return asToken ? withToken(given, asToken, given) : null;
  }
  // A base64-JSON token is a key ID however it reached the gateway: it names the key, it does not prove holding it.
  if (parseToken(given.reveal())) {
    const asId = await keys.get({ token: given });
    if (asId) return withToken(given, asId, given);
  }
  for (const f of [...new Set([lastFormat, ...HASH_FUNCTIONS])]) {
    const token = new Secret(tykToken(keys.orgId, given.reveal(), f));
    if (!(await keys.get({ token }))) continue;
    lastFormat = f; // one gateway, one format: the next key is found with one read
    return withToken(token, asRaw, given);
  }
  return {
    ref: { raw: given, orgId: keys.orgId },
    givenAs: 'value',
    session: asRaw,
    fingerprint: given.fingerprint,
    refs: [given.fingerprint],
  };
}

function withToken(token: Secret, session: Session, given: Secret, reportedHash?: string): ResolvedKey {
  const hash = reportedHash ?? keyHash(token.reveal());
  const givenFp = given.fingerprint;
  return {
    ref: { token },
    givenAs: token.reveal() === given.reveal() ? 'key-id' : 'value',
    keyHash: hash,
    session,
    fingerprint: givenFp,
    refs: [...new Set([givenFp, token.fingerprint, fingerprint(hash)])],
  };
}

/** How refusals and request titles name a found key: alias and fingerprint, never the value. */
export const keyName = (key: ResolvedKey): string => `${key.session.alias || '(no alias)'} (${key.fingerprint})`;

/** A key already refused by Tyk: past its expiry, or inactive. There is nothing left to rotate or revoke. */
export const alreadyStopped = (session: Session, nowSeconds: number): boolean =>
  (session.expires > 0 && session.expires <= nowSeconds) || session.is_inactive;

/**
 * A Gateway serves every org's keys, so a key ID of another org resolves too; the bot only manages
 * keys of its own org (TYK_ORG_ID, or the Dashboard user's org). Names both orgs and the
 * fingerprint, never the key. Null when the key is the bot's to manage.
 */
export function foreignOrgRefusal(key: ResolvedKey, orgId: string): string | null {
  const keyOrg = key.session.org_id;
  if (!orgId || !keyOrg || keyOrg === orgId) return null;
  return `Key ${keyName(key)} belongs to org ${keyOrg}, not the bot's org ${orgId} (TYK_ORG_ID); the bot does not manage keys of other orgs. Nothing was requested.`;
}

import { sourceCreatedAt } from './created-at.js';
import { badGrantId } from './grant-ids.js';
import { checkKey } from './key-checks.js';
import type { KeyClaims } from './key-claims.js';
import { RecordError } from './record-error.js';
import type { ImportOptions, ImportRecord, ImportSession, RecordLocation } from './types.js';

export interface Candidate extends RecordLocation {
  rawKey: unknown;
  /** Tyk listing with `hash_keys` on: the id is the hash, the raw key is gone (docs/import-mapping.md §5.2) */
  hashedOnly?: boolean;
}

/** What a format makes of one record once its key is known to be usable and unclaimed. */
export interface Draft {
  session: ImportSession;
  warnings: string[];
  extra?: Record<string, unknown>;
  /** a source state meaning "do not create" (docs/import-mapping.md §0.2 step 5) */
  skip?: 'expired' | 'terminated';
  /** the source platform's creation date of the key (ms), where it exported one */
  createdAt?: number;
}

export interface BuildContext {
  options: ImportOptions;
  claims: KeyClaims;
}

/**
 * docs/import-mapping.md §0.2 processing order, first hit wins: key present, key usable, duplicate, field
 * parsing (`draft` throws RecordError; policy and API IDs, grant-ids.ts), source-state skips, expiry, access.
 */
export function buildRecord(c: Candidate, ctx: BuildContext, draft: () => Draft): ImportRecord {
  const at: RecordLocation = { index: c.index, ref: c.ref, ...(c.line === undefined ? {} : { line: c.line }) };
  const check = checkKey(c.rawKey, ctx.options.minKeyLength);
  if (check.status === 'missing') return { ...at, result: 'error', error: 'missing_key' };
  if (c.hashedOnly) {
    return {
      ...at,
      result: 'error',
      error: 'key_hashed_only',
      ...(check.key ? { key: check.key } : {}),
      detail: 'the export lists key hashes only (hash_keys is on); the raw key cannot be recovered',
    };
  }
  if (check.status === 'invalid')
    return { ...at, result: 'error', error: 'invalid_key', ...(check.key ? { key: check.key } : {}), detail: check.detail };
  const { key } = check;
  const claim = ctx.claims.claim(check.digest, c.index);
  if (claim === 'duplicate') return { ...at, result: 'error', error: 'duplicate_key', key, detail: 'an earlier record has the same key' };
  if (claim === 'superseded') return { ...at, result: 'skipped', key, reason: 'superseded' };
  let d: Draft;
  try {
    d = draft();
  } catch (e) {
    if (e instanceof RecordError) return { ...at, result: 'error', error: e.code, key, detail: e.detail };
    throw e;
  }
  // an ID read from the file is part of parsing its fields: it refuses the record before any skip
  const badId = badGrantId(d.session);
  if (badId) return { ...at, result: 'error', error: 'invalid_field', key, detail: badId };
  if (d.skip) return { ...at, result: 'skipped', key, reason: d.skip };
  const { session } = d;
  // Tyk turns a past `expires` into "never" on create (docs/import-mapping.md §0 behaviour 2)
  if (session.expires > 0 && session.expires <= ctx.options.referenceTime) return { ...at, result: 'skipped', key, reason: 'expired' };
  if (Object.keys(session.access_rights).length === 0 && session.apply_policies.length === 0) {
    // empty access means every API in Tyk (behaviour 1): never create such a key without policies
    if (ctx.options.defaultPolicies.length === 0) return { ...at, result: 'skipped', key, reason: 'no_access_rights' };
    session.apply_policies = [...ctx.options.defaultPolicies];
  }
  return {
    ...at,
    result: 'ok',
    key,
    session,
    warnings: d.warnings.length > 1 ? [...new Set(d.warnings)] : d.warnings,
    ...(d.extra ? { extra: d.extra } : {}),
    ...(d.createdAt === undefined ? {} : { createdAt: d.createdAt }),
  };
}

/** A draft with the creation date its source exported, read against the export's reference time. */
export function withCreatedAt(d: Draft, exported: unknown, ctx: BuildContext): Draft {
  const createdAt = sourceCreatedAt(exported, ctx.options.referenceTime * 1000);
  return createdAt === undefined ? d : { ...d, createdAt };
}

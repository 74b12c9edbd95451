import { randomUUID } from 'node:crypto';
import { keyHash, tykToken } from '../../../src/tyk/token.js';
import { type EmuContext, nowSeconds } from './context.js';
import { type KeyEntry, KeyStore } from './key-store.js';
import { applyPolicies, policyExpiry } from './policy-apply.js';
import type { Session } from './types.js';
import { MIN_TOKEN_LENGTH, rejectsShortCustomKeys } from './version.js';

export type WriteOutcome =
  | { kind: 'ok'; entry: KeyEntry; keyHash: string }
  | { kind: 'too-short'; message: string }
  /** a policy is missing, or no access rights are left after policies (allow_master_keys off) */
  | { kind: 'refused'; reason: string };

export interface CreateInput {
  /** custom key id; a random 32-hex id when absent (docs/tyk-api.md §1.2 point 4) */
  id?: string;
  session: Partial<Session>;
  suppressReset: boolean;
  /** `?hashed=…` on create: storage key is the bare token and key_hash echoes it (docs/tyk-api.md §1.3) */
  hashedStorage?: boolean;
}

/** `handleAddOrUpdate` for POST: no existence check, an existing session is overwritten (docs/tyk-api.md §1.3). */
export function createKey(ctx: EmuContext, input: CreateInput): WriteOutcome {
  const { id, session } = input;
  if (id !== undefined && rejectsShortCustomKeys(ctx.options.version) && id.length < MIN_TOKEN_LENGTH) {
    // The text after ';' is UNVERIFIED (README elides it); clients should rely on the status.
    const message = `custom key ID length ${id.length} is less than min_token_length (${MIN_TOKEN_LENGTH}); the key could never authenticate`;
    return { kind: 'too-short', message };
  }
  const refusal = securityCheck(ctx, session);
  if (refusal) return refusal;

  const token = tykToken(session.org_id ?? '', id ?? randomUUID().replaceAll('-', ''), ctx.options.hashKeyFunction);
  const storageKey = input.hashedStorage ? token : KeyStore.storageKeyOf(token, ctx.options.hashKeys);
  const previous = ctx.keys.get(storageKey);
  const now = nowSeconds(ctx);
  const stored: Partial<Session> = { ...session, date_created: new Date(ctx.options.clock.now()).toISOString() };
  stored.expires = keptExpiry(session.expires, previous?.session.expires, now);
  if (!previous && !stored.expires) {
    const fromPolicy = policyExpiry(session, ctx.options.policies, now);
    if (fromPolicy !== undefined) stored.expires = fromPolicy;
  }
  if (!input.suppressReset) resetWindows(stored, now);
  const entry = ctx.keys.put(token, storageKey, stored, input.suppressReset);
  return { kind: 'ok', entry, keyHash: input.hashedStorage ? token : keyHash(token) };
}

/** `handleAddOrUpdate` for PUT: full replace; date_created kept; past expiry ignored (docs/tyk-api.md §1.3). */
export function updateKey(ctx: EmuContext, entry: KeyEntry, session: Partial<Session>, suppressReset: boolean): WriteOutcome {
  const refusal = securityCheck(ctx, session);
  if (refusal) return refusal;
  const now = nowSeconds(ctx);
  const stored: Partial<Session> = { ...session };
  if (entry.session.date_created !== undefined) stored.date_created = entry.session.date_created;
  else delete stored.date_created;
  stored.expires = keptExpiry(session.expires, entry.session.expires, now);
  if (suppressReset) {
    copyField(stored, entry.session, 'quota_renews');
    copyField(stored, entry.session, 'last_updated');
  } else {
    resetWindows(stored, now);
  }
  const updated = ctx.keys.put(entry.token, entry.storageKey, stored, suppressReset);
  return { kind: 'ok', entry: updated, keyHash: keyHash(entry.token) };
}

/** Same 500 text for both causes, so callers cannot tell them apart (docs/tyk-api.md §1.3). */
function securityCheck(ctx: EmuContext, session: Partial<Session>): WriteOutcome | undefined {
  const applied = applyPolicies(session, ctx.options.policies, ctx.options.version);
  if (!applied.ok) return { kind: 'refused', reason: applied.reason };
  if (Object.keys(applied.session.access_rights ?? {}).length === 0) return { kind: 'refused', reason: 'no access rights' };
  return undefined;
}

/** An `expires` in the past (and > 1) silently becomes the stored value, 0 for a new key (commit 412f9e98). */
function keptExpiry(sent: number | undefined, stored: number | undefined, now: number): number {
  if (sent !== undefined && sent > 1 && sent < now) return stored ?? 0;
  return sent ?? 0;
}

function resetWindows(s: Partial<Session>, now: number): void {
  s.last_updated = String(now);
  s.quota_renews = now + (s.quota_renewal_rate ?? 0);
}

function copyField(to: Partial<Session>, from: Partial<Session>, field: 'quota_renews' | 'last_updated'): void {
  if (from[field] !== undefined) (to as Record<string, unknown>)[field] = from[field];
  else delete to[field];
}

import { randomUUID } from 'node:crypto';
import { keyHash, tykToken } from '../../../src/tyk/token.js';
import { type EmuContext, nowSeconds } from './context.js';
import { findByToken } from './key-lookup.js';
import { type KeyEntry, KeyStore } from './key-store.js';
import { decodeSession } from './session-fields.js';
import type { SeededKey, Session, StoredKey } from './types.js';

const toStored = (e: KeyEntry): StoredKey => ({ token: e.token, keyHash: keyHash(e.token), session: structuredClone(e.session) });

/**
 * Stores a key as `POST /tyk/keys/{raw}` would, but without its refusals: tests may seed keys a
 * real create would reject or rewrite (no access rights = master key, an expiry already past).
 */
export function seedKey(ctx: EmuContext, input: { raw?: string; orgId?: string; session: Partial<Session> }): SeededKey {
  const session = decodeSession(input.session);
  if (!session) throw new Error('seedKey: the session does not decode as a Tyk session');
  const raw = input.raw ?? randomUUID().replaceAll('-', '');
  session.org_id = input.orgId ?? input.session.org_id ?? ctx.options.orgId;
  const token = tykToken(session.org_id, raw, ctx.options.hashKeyFunction);
  const now = nowSeconds(ctx);
  const stored: Partial<Session> = {
    ...session,
    // a test may seed a key of a known age
    date_created: input.session.date_created ?? new Date(ctx.options.clock.now()).toISOString(),
    last_updated: String(now),
    quota_renews: now + (session.quota_renewal_rate ?? 0),
  };
  ctx.keys.put(token, KeyStore.storageKeyOf(token, ctx.options.hashKeys), stored, false);
  return { token, keyHash: keyHash(token), raw };
}

export const storedKeys = (ctx: EmuContext): StoredKey[] => ctx.keys.all().map(toStored);

/** The key a consumer presenting `raw` would hit in `orgId` (default: the emulator's org). */
export function findStoredByRaw(ctx: EmuContext, raw: string, orgId?: string): StoredKey | undefined {
  const entry = findByToken(ctx, tykToken(orgId ?? ctx.options.orgId, raw, ctx.options.hashKeyFunction));
  return entry ? toStored(entry) : undefined;
}

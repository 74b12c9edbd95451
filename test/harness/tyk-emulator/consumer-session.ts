import { tykToken } from '../../../src/tyk/token.js';
import type { EmuContext } from './context.js';
import { findByToken } from './key-lookup.js';
import type { KeyEntry } from './key-store.js';
import { type CachedSession, SessionCache } from './session-cache.js';
import type { EmulatorApi } from './types.js';

/** The session one consumer request runs with, and the entry whose counters it moves. */
export interface RequestSession extends CachedSession {
  /** the live store entry; a detached one when the key is no longer stored (deleted while cached) */
  counters: KeyEntry;
}

const detached = (c: CachedSession): KeyEntry => ({ ...c, quotaUsed: 0, quotaWindowEnd: undefined, recentHits: [] });

/**
 * `CheckSessionAndIdentityForValidKey`: the local cache first, then Redis with `SessionDetail`
 * (token(API org, presented), then the presented value itself, docs/tyk-api.md §1.2), caching what it found.
 */
export function sessionFor(ctx: EmuContext, api: EmulatorApi, presented: string): RequestSession | undefined {
  const { options } = ctx;
  const useCache = !options.disableCachedSessionState;
  const cacheKey = SessionCache.keyOf(presented, options.hashKeys);
  const now = options.clock.now();
  const cached = useCache ? ctx.sessionCache.get(cacheKey, now) : undefined;
  if (cached) return { ...cached, counters: ctx.keys.get(cached.storageKey) ?? detached(cached) };
  const entry = findByToken(ctx, tykToken(api.org_id, presented, options.hashKeyFunction)) ?? findByToken(ctx, presented);
  if (!entry) return undefined;
  const fetched: CachedSession = { token: entry.token, storageKey: entry.storageKey, session: structuredClone(entry.session) };
  if (useCache) ctx.sessionCache.set(cacheKey, fetched, now);
  return { ...fetched, counters: entry };
}

/**
 * `UpdateRequestSession` after a request that counted quota: the session the request ran with —
 * possibly a cached copy older than the latest PUT, or of a key deleted since — is stored again,
 * then cached under the session's key hash (the presented value without hashing, the storage key
 * with it). This is how a retired key in use comes back (docs/tyk-behaviour.md).
 */
export function writeBack(ctx: EmuContext, presented: string, rs: RequestSession): void {
  ctx.keys.writeBack(rs.counters, rs.session);
  if (ctx.options.disableCachedSessionState) return;
  const { token, storageKey, session } = rs;
  ctx.sessionCache.set(ctx.options.hashKeys ? storageKey : presented, { token, storageKey, session }, ctx.options.clock.now());
}

import { murmur64Hex } from '../../../src/tyk/murmur.js';
import type { Session } from './types.js';

/**
 * `gw.SessionCache = cache.New(10, 5)` (gateway/server.go): an entry lives 10 s from the moment it
 * was set; reading it does not extend it, and it is still served at exactly 10 s (`now > expiry`).
 */
export const SESSION_CACHE_TTL_MS = 10_000;

/** A session as the data plane fetched it from Redis: stored form, not policy-merged. */
export interface CachedSession {
  token: string;
  storageKey: string;
  session: Partial<Session>;
}

/**
 * The gateway's local session cache (docs/tyk-behaviour.md, "Local session cache"). Consumer
 * lookups are cached under the value the consumer presented, but key writes evict only the entry
 * under the key's storage name (`clearCacheForKey`), so a consumer presenting the raw custom value
 * keeps the old session until the entry runs out.
 */
export class SessionCache {
  readonly #entries = new Map<string, { value: CachedSession; expiresAt: number }>();

  /** `CheckSessionAndIdentityForValidKey`: the presented value, or its murmur64 whatever hash_key_function says. */
  static keyOf(presented: string, hashKeys: boolean): string {
    return hashKeys ? murmur64Hex(presented) : presented;
  }

  get(key: string, now: number): CachedSession | undefined {
    const hit = this.#entries.get(key);
    if (hit === undefined) return undefined;
    if (now > hit.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return structuredClone(hit.value);
  }

  set(key: string, value: CachedSession, now: number): void {
    this.#entries.set(key, { value: structuredClone(value), expiresAt: now + SESSION_CACHE_TTL_MS });
  }

  evict(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}

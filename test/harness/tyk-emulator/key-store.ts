import { keyHash } from '../../../src/tyk/token.js';
import type { Session } from './types.js';

/** One stored session plus the live counters Redis would hold beside it. */
export interface KeyEntry {
  token: string;
  /** `apikey-<X>` minus the prefix: the token, or its hash when hash_keys was on at write time */
  storageKey: string;
  /** as written: NOT policy-merged (policies are applied on every read, docs/tyk-api.md §1.3) */
  session: Partial<Session>;
  quotaUsed: number;
  /** ms; the quota window starts at the first request after a reset */
  quotaWindowEnd: number | undefined;
  /** ms timestamps of recent requests, for the rate limiter */
  recentHits: number[];
}

/**
 * Redis `apikey-*` entries (docs/tyk-api.md §1.2 "Storage in Redis"). `onWrite` hears the storage key of
 * every write and delete: the gateway's session manager clears its local cache entry under that
 * name, and only that one (`clearCacheForKey`).
 */
export class KeyStore {
  readonly #entries = new Map<string, KeyEntry>();
  readonly #onWrite: (storageKey: string) => void;
  #version = 0;

  constructor(onWrite: (storageKey: string) => void = () => undefined) {
    this.#onWrite = onWrite;
  }

  /** Storage key of a token under the current hash_keys setting. */
  static storageKeyOf(token: string, hashKeys: boolean): string {
    return hashKeys ? keyHash(token) : token;
  }

  get(storageKey: string): KeyEntry | undefined {
    return this.#entries.get(storageKey);
  }

  /** Writes a session; counters survive only when `keepCounters` (suppress_reset=1). */
  put(token: string, storageKey: string, session: Partial<Session>, keepCounters: boolean): KeyEntry {
    const previous = this.#entries.get(storageKey);
    const entry: KeyEntry = {
      token,
      storageKey,
      session,
      quotaUsed: keepCounters ? (previous?.quotaUsed ?? 0) : 0,
      quotaWindowEnd: keepCounters ? previous?.quotaWindowEnd : undefined,
      recentHits: keepCounters ? (previous?.recentHits ?? []) : [],
    };
    this.#entries.set(storageKey, entry);
    this.#version++;
    this.#onWrite(storageKey);
    return entry;
  }

  /**
   * The data plane's `UpdateSession` after a request that counted quota: replaces the session and
   * keeps the counters (separate Redis keys); a key deleted meanwhile is stored again, with the
   * counters `entry` carries.
   */
  writeBack(entry: KeyEntry, session: Partial<Session>): void {
    const live = this.#entries.get(entry.storageKey) ?? entry;
    live.session = structuredClone(session);
    this.#entries.set(entry.storageKey, live);
    this.#version++;
    this.#onWrite(entry.storageKey);
  }

  delete(storageKey: string): boolean {
    this.#version++;
    this.#onWrite(storageKey);
    return this.#entries.delete(storageKey);
  }

  all(): KeyEntry[] {
    return [...this.#entries.values()];
  }

  /** Changes with every write and delete: a listing may reuse what it computed while it stays the same. */
  get version(): number {
    return this.#version;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#version++;
    this.#entries.clear();
  }
}

import type { Secret } from '../../secret.js';
import type { CreatedKey } from '../../tyk/key-ref.js';
import { HASH_FUNCTIONS, type HashFunction, keyHash, parseToken, tykToken } from '../../tyk/token.js';

/** Hex digits of a key_hash by the token's hash function (legacy tokens hash with murmur32). */
const HASH_LENGTH: Record<HashFunction, number> = { '': 8, murmur32: 8, murmur64: 16, murmur128: 32, sha256: 64 };

type Format = { fn: HashFunction; hashed: boolean };

/**
 * The formats a key could be listed in, judged from the listing itself: a hash is lowercase hex
 * of its function's length, a JSON token names its function in "h", a legacy token starts with
 * the org. A format no entry could be in is never tried, so an empty listing (a fresh Tyk) costs
 * no hashing at all, and a large import hashes each key once or twice instead of ten times.
 */
function possibleFormats(listed: Set<string>, orgId: string): Format[] {
  const lengths = new Set<number>();
  const fns = new Set<string>();
  let legacy = false;
  for (const entry of listed) {
    if (/^[0-9a-f]+$/.test(entry)) lengths.add(entry.length);
    if (orgId === '' || entry.startsWith(orgId)) legacy = true;
    if (entry.startsWith('ey') && fns.size < HASH_FUNCTIONS.length - 1) {
      const fn = parseToken(entry)?.fn;
      if (fn && (HASH_FUNCTIONS as readonly string[]).includes(fn)) fns.add(fn);
    }
  }
  return HASH_FUNCTIONS.flatMap((fn) => [
    ...((fn === '' ? legacy : fns.has(fn)) ? [{ fn, hashed: false }] : []),
    ...(lengths.has(HASH_LENGTH[fn]) ? [{ fn, hashed: true }] : []),
  ]);
}

/**
 * Which keys Tyk already has, from ONE listing instead of one read per key (docs/tyk-api.md §1.2,
 * 1.3.6): a listing holds Tyk key IDs (hashing off) or their hashes (hashing on), and both can
 * be computed from the raw value and the org. Until the first create shows which token format
 * and hashing this Tyk uses, every format is tried; afterwards only the one seen.
 * `has` answers null when it cannot know (listing disabled, or a format it does not recognise):
 * the caller then reads the key.
 */
export class ExistenceIndex {
  #listed: Set<string> | null;
  #format: Format | 'unknown' | null = null;
  readonly #possible: Format[];

  constructor(
    listed: Set<string> | null,
    private readonly orgId: string,
  ) {
    this.#listed = listed;
    this.#possible = this.#listed ? possibleFormats(this.#listed, orgId) : [];
  }

  has(raw: Secret): boolean | null {
    if (!this.#listed || this.#format === 'unknown') return null;
    const value = raw.reveal();
    const formats = this.#format ? [this.#format] : this.#possible;
    return formats.some(({ fn, hashed }) => {
      const token = tykToken(this.orgId, value, fn);
      return (this.#listed as Set<string>).has(hashed ? keyHash(token) : token);
    });
  }

  /** For the preview: hashed listings hold hex digests of 8, 16, 32 or 64 digits; key IDs are longer or not hex. */
  hashing(): 'on' | 'off' | 'unknown' {
    if (!this.#listed) return 'unknown';
    const sample: string[] = [];
    for (const k of this.#listed) if (sample.push(k) >= 50) break; // not a copy of a million entries
    if (sample.length === 0) return 'unknown';
    return sample.every((k) => /^[0-9a-f]{8}$|^[0-9a-f]{16}$|^[0-9a-f]{32}$|^[0-9a-f]{64}$/.test(k)) ? 'on' : 'off';
  }

  /** A create reply shows the token format and whether Tyk hashes keys. */
  learn(raw: Secret, created: CreatedKey): void {
    if (this.#format) return;
    const fn = HASH_FUNCTIONS.find((f) => tykToken(this.orgId, raw.reveal(), f) === created.token.reveal());
    this.#format = fn === undefined ? 'unknown' : { fn, hashed: created.keyHash !== undefined };
  }

  /** For the final check: whether the listing taken after the batch holds this created key. */
  static holds(listed: Set<string>, created: { token: Secret; keyHash: string | null }): boolean {
    return listed.has(created.keyHash ?? created.token.reveal());
  }
}

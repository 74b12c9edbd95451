import type { Secret } from '../../secret.js';
import type { CreatedKey } from '../../tyk/key-ref.js';
import { type HashFunction, keyHash, tykToken } from '../../tyk/token.js';

const FORMATS: readonly HashFunction[] = ['', 'murmur64', 'murmur32', 'murmur128', 'sha256'];

/**
 * Which keys Tyk already has, from ONE listing instead of one read per key (tyk/README.md 1.2,
 * 1.3.6): a listing holds Tyk key IDs (hashing off) or their hashes (hashing on), and both can
 * be computed from the raw value and the org. Until the first create shows which token format
 * and hashing this Tyk uses, every format is tried; afterwards only the one seen.
 * `has` answers null when it cannot know (listing disabled, or a format it does not recognise):
 * the caller then reads the key.
 */
export class ExistenceIndex {
  #listed: Set<string> | null;
  #format: { fn: HashFunction; hashed: boolean } | 'unknown' | null = null;

  constructor(listed: Secret[] | null, private readonly orgId: string) {
    this.#listed = listed ? new Set(listed.map((s) => s.reveal())) : null;
  }

  has(raw: Secret): boolean | null {
    if (!this.#listed || this.#format === 'unknown') return null;
    const value = raw.reveal();
    const formats = this.#format ? [this.#format] : FORMATS.flatMap((fn) => [{ fn, hashed: false }, { fn, hashed: true }]);
    return formats.some(({ fn, hashed }) => {
      const token = tykToken(this.orgId, value, fn);
      return (this.#listed as Set<string>).has(hashed ? keyHash(token) : token);
    });
  }

  /** For the preview: hashed listings hold hex digests of 8, 16, 32 or 64 digits; key IDs are longer or not hex. */
  hashing(): 'on' | 'off' | 'unknown' {
    if (!this.#listed) return 'unknown';
    const sample = [...this.#listed].slice(0, 50);
    if (sample.length === 0) return 'unknown';
    return sample.every((k) => /^[0-9a-f]{8}$|^[0-9a-f]{16}$|^[0-9a-f]{32}$|^[0-9a-f]{64}$/.test(k)) ? 'on' : 'off';
  }

  /** A create reply shows the token format and whether Tyk hashes keys. */
  learn(raw: Secret, created: CreatedKey): void {
    if (this.#format) return;
    const fn = FORMATS.find((f) => tykToken(this.orgId, raw.reveal(), f) === created.token.reveal());
    this.#format = fn === undefined ? 'unknown' : { fn, hashed: created.keyHash !== undefined };
  }

  /** For the final check: whether the listing taken after the batch holds this created key. */
  static holds(listed: Set<string>, created: { token: Secret; keyHash: string | null }): boolean {
    return listed.has(created.keyHash ?? created.token.reveal());
  }
}

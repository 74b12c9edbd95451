import { describe, expect, it } from 'vitest';
import { Secret } from '../../src/secret.js';
import { type HashFunction, keyHash, tykToken } from '../../src/tyk/token.js';
import { ExistenceIndex } from '../../src/workflows/import-keys/existence-index.js';

const ORG = '5e9d9544a1dcd60001d0ed20';
const FNS: HashFunction[] = ['', 'murmur32', 'murmur64', 'murmur128', 'sha256'];
const listed = (raws: string[], fn: HashFunction, hashed: boolean) =>
  raws.map((raw) => (hashed ? keyHash(tykToken(ORG, raw, fn)) : tykToken(ORG, raw, fn)));

describe('ExistenceIndex', () => {
  for (const fn of FNS) {
    for (const hashed of [false, true]) {
      it(`finds a key listed as ${hashed ? 'the hash' : 'the token'} of format "${fn}" and not one that is absent`, () => {
        const index = new ExistenceIndex(new Set(listed(['present-key-0000000000000001', 'other-key-00000000000000002'], fn, hashed)), ORG);
        expect(index.has(new Secret('present-key-0000000000000001'))).toBe(true);
        expect(index.has(new Secret('absent-key-00000000000000003'))).toBe(false);
      });
    }
  }

  it('answers from a listing that mixes formats, as a gateway whose hash function changed lists keys', () => {
    const index = new ExistenceIndex(
      new Set([...listed(['old-key-000000000000000000001'], '', false), ...listed(['new-key-000000000000000000002'], 'sha256', true)]),
      ORG,
    );
    expect(index.has(new Secret('old-key-000000000000000000001'))).toBe(true);
    expect(index.has(new Secret('new-key-000000000000000000002'))).toBe(true);
    expect(index.has(new Secret('new-key-000000000000000000003'))).toBe(false);
  });

  it('knows every key is new in an empty listing, and cannot tell without a listing', () => {
    expect(new ExistenceIndex(new Set(), ORG).has(new Secret('any-key-000000000000000000001'))).toBe(false);
    expect(new ExistenceIndex(null, ORG).has(new Secret('any-key-000000000000000000001'))).toBeNull();
  });
});

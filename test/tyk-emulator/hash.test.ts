import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { murmur32Hex, murmur64Hex, murmur128Hex } from '../../src/tyk/murmur.js';
import { keyHash, parseToken, tykToken } from '../../src/tyk/token.js';

const ORG = '5e9d9544a1dcd60001d0ed20';

/**
 * [input, Tyk murmur32, murmur128] as printed by hex(hash.Sum(nil)) of the Go module
 * github.com/TykTechnologies/murmur3 (the version Tyk 5.x pins), run once to make this table.
 * murmur64 is the first 16 hex digits of murmur128.
 */
const GO_VECTORS: Array<[string, string, string]> = [
  ['', '00000000', '00000000000000000000000000000000'],
  ['a', '00000000', '85555565f6597889e6b53a48510e895a'],
  ['ab', '00000000', '938b11ea16ed1b2ee65ea7019b52d4ad'],
  ['abc', '00000000', 'b4963f3f3fad78673ba2744126ca2d52'],
  ['abcd', '86a7049e', 'b87bb7d64656cd4ff2003e886073e875'],
  ['hello', 'ef13efcd', 'cbd8a7b341bd9b025b1e906a48ae1d19'],
  ['hello-world', 'b2925602', 'e4a2f65b5047a6e9fe632bfdd6963514'],
  ['The quick brown fox jumps over the lazy dog.', 'f14258a5', 'cd99481f9ee902c9695da1a38987b6e7'],
  ['héllo wörld ✓', 'df0625bd', 'e36a3988c2f0fe74861bdd8f6007d815'],
  ['0123456789abcdef', '61c9613e', '4be06d94cf4ad1a787c35b5c63a708da'],
  ['0123456789abcdef0', '61c9613e', 'eb24ae8785a5c07573fb68b3313128ca'],
  ['xxxxxxxÿ', 'fb81c4b2', '9555750bfe0120f2d5367c5e9fcc8836'],
  ['xxxxxxxxx', '19d217ff', 'dd1bfb92690cb9e6c974b8875c2380a7'],
  ['xxxxxxxxxxxx', '92ddd1d0', '3bf61aac3963e091b5876e56e3d2cf90'],
  ['xxxxxxxxxxxxxxx', '92ddd1d0', '1cfd62bac822c29a381530a121efa404'],
  ['xxxxxxxxxxxxxxxxxxxxÿÿ', 'e9bcd44a', 'f39a9bca901d2b5edd16b43fe5eae7eb'],
  ['xxxxxxxxxxxxxxxxxxxxxxxx', 'c280cc71', '00c724ec19b2298842f67d1641ee9360'],
  ['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxÿ', '77d7aa36', '9ee829e527883a238d7253ba54c1b1b9'],
];

/** Published token → key_hash pairs (docs/tyk-api.md §1.2). */
const PUBLISHED = {
  // portal-go testdata list_app_access_requests.txt: Credential / CredentialHash
  portalGo: [
    'eyJvcmciOiI2MTcwMDZjMTgyOWI2ZjAwMDFjNmMwMzkiLCJpZCI6IjQ0ZDc1OWYwZGVjYzQ2MDliYmMxNDVjYjJkMTJhNjM4IiwiaCI6Im11cm11cjY0In0=',
    '60bf6ae8aeddde79',
  ],
  // portal-api.yaml Credential schema example / CredentialHash example
  portalSpec: [
    'eyJvcmciOiI1ZTlkOTU0NGExZGNkNjAwMDFkMGVkMjAiLCJpZCI6IjY4MjZjZGViMmVlMzQ3ZGQ5ZjQ1ZWZmMjEyMTlhOWU1IiwiaCI6Im11cm11cjY0In0=',
    'e1212449778b7ba4',
  ],
  // old Dashboard API docs, "Create a custom key" sample response: key_id / key_hash
  helloWorld: ['eyJvcmciOiI1ZTlkOTU0NGExZGNkNjAwMDFkMGVkMjAiLCJpZCI6ImhlbGxvLXdvcmxkIiwiaCI6Im11cm11cjY0In0=', '567b9a5419c3a9ef'],
} as const;

describe('murmur hashes', () => {
  it.each(GO_VECTORS)('match the Go module Tyk uses for %j', (input, m32, m128) => {
    expect(murmur32Hex(input)).toBe(m32);
    expect(murmur128Hex(input)).toBe(m128);
    expect(murmur64Hex(input)).toBe(m128.slice(0, 16));
  });

  it('murmur32 is the unfinalized running state, not textbook MurmurHash3_x86_32', () => {
    // textbook x86_32("hello", 0) = 0x248bfa47; Tyk's fork prints the state after the full blocks
    expect(murmur32Hex('hello')).not.toBe('248bfa47');
    expect(murmur32Hex('hello')).toBe(murmur32Hex('hell'));
  });

  it('murmur64 reproduces the three published token hashes', () => {
    for (const [token, hash] of Object.values(PUBLISHED)) expect(murmur64Hex(token)).toBe(hash);
  });
});

describe('tykToken', () => {
  it('builds the README example token for a murmur64 gateway', () => {
    expect(tykToken(ORG, 'legacy-key-0001', 'murmur64')).toBe(
      'eyJvcmciOiI1ZTlkOTU0NGExZGNkNjAwMDFkMGVkMjAiLCJpZCI6ImxlZ2FjeS1rZXktMDAwMSIsImgiOiJtdXJtdXI2NCJ9',
    );
  });

  it('rebuilds the published tokens from their org and id', () => {
    expect(tykToken(ORG, 'hello-world', 'murmur64')).toBe(PUBLISHED.helloWorld[0]);
    expect(tykToken(ORG, '6826cdeb2ee347dd9f45eff21219a9e5', 'murmur64')).toBe(PUBLISHED.portalSpec[0]);
    expect(tykToken('617006c1829b6f0001c6c039', '44d759f0decc4609bbc145cb2d12a638', 'murmur64')).toBe(PUBLISHED.portalGo[0]);
  });

  it('concatenates org and id in legacy format, and is the bare id without an org', () => {
    expect(tykToken(ORG, 'customKey', '')).toBe(`${ORG}customKey`);
    expect(tykToken('', 'customKey', '')).toBe('customKey');
  });

  it('strips an org prefix the id already carries instead of doubling it', () => {
    expect(tykToken(ORG, `${ORG}customKey`, '')).toBe(`${ORG}customKey`);
    expect(parseToken(tykToken(ORG, `${ORG}abc`, 'sha256'))).toEqual({ orgId: ORG, id: 'abc', fn: 'sha256' });
  });

  it('names unknown hash functions murmur64 inside the token', () => {
    expect(parseToken(tykToken(ORG, 'k1', 'md5'))?.fn).toBe('murmur64');
  });
});

describe('parseToken', () => {
  it('splits base64-JSON tokens and leaves legacy ones alone', () => {
    expect(parseToken(PUBLISHED.helloWorld[0])).toEqual({ orgId: ORG, id: 'hello-world', fn: 'murmur64' });
    expect(parseToken(`${ORG}customKey`)).toBeUndefined();
    expect(parseToken('eyJ-not-base64')).toBeUndefined();
  });
});

describe('keyHash', () => {
  it('uses the algorithm the token names', () => {
    expect(keyHash(PUBLISHED.helloWorld[0])).toBe('567b9a5419c3a9ef');
    const t128 = tykToken(ORG, 'k1', 'murmur128');
    expect(keyHash(t128)).toBe(murmur128Hex(t128));
    const t256 = tykToken(ORG, 'k1', 'sha256');
    expect(keyHash(t256)).toBe(createHash('sha256').update(t256).digest('hex'));
    const t32 = tykToken(ORG, 'k1', 'murmur32');
    expect(keyHash(t32)).toMatch(/^[0-9a-f]{8}$/);
  });

  it('hashes legacy tokens with murmur32', () => {
    expect(keyHash(`${ORG}legacy-key-0001`)).toBe('56ab6a89');
  });
});

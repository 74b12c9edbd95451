/**
 * The MurmurHash3 variants Tyk uses for `key_hash` and hashed key storage (docs/tyk-api.md §1.2), over
 * the UTF-8 bytes of the input, seed 0, printed as lowercase big-endian hex like Go's `hash.Sum`.
 * 64-bit arithmetic is done in 32-bit halves: BigInt is several times slower, and the importer
 * hashes up to IMPORT_MAX_KEYS tokens.
 */

const C1_32 = 0xcc9e2d51;
const C2_32 = 0x1b873593;

/**
 * Tyk's murmur32, the hash of legacy (non-JSON) tokens. Tyk's fork of the Go library
 * (TykTechnologies/murmur3, `digest32.Sum`) writes out the *running* state: only the complete
 * 4-byte blocks are mixed, and the tail, the length and the final avalanche are skipped. So this is
 * NOT textbook MurmurHash3_x86_32 (inputs under 4 bytes all hash to `00000000`); it must not be
 * "fixed", or hashes would stop matching the ones a real gateway stored.
 */
export function murmur32Hex(input: string): string {
  const bytes = Buffer.from(input, 'utf8');
  let h1 = 0;
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    let k1 = bytes.readUInt32LE(i);
    k1 = Math.imul(k1, C1_32);
    k1 = (k1 << 15) | (k1 >>> 17);
    k1 = Math.imul(k1, C2_32);
    h1 ^= k1;
    h1 = (h1 << 13) | (h1 >>> 19);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
  }
  return hex32(h1);
}

/** Tyk's murmur64: the first half (h1) of MurmurHash3_x64_128. */
export function murmur64Hex(input: string): string {
  const h = x64128(Buffer.from(input, 'utf8'));
  return hex32(h[0]) + hex32(h[1]);
}

/** MurmurHash3_x64_128, h1 then h2, each big-endian (Go's `digest128.Sum`). */
export function murmur128Hex(input: string): string {
  const h = x64128(Buffer.from(input, 'utf8'));
  return hex32(h[0]) + hex32(h[1]) + hex32(h[2]) + hex32(h[3]);
}

const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Big-endian hex of a 32-bit word; a table lookup is much faster than toString(16).padStart. */
const hex32 = (n: number): string =>
  HEX_BYTE[(n >>> 24) & 0xff]! + HEX_BYTE[(n >>> 16) & 0xff]! + HEX_BYTE[(n >>> 8) & 0xff]! + HEX_BYTE[n & 0xff]!;

// 64-bit words are passed as (hi, lo) pairs of unsigned 32-bit numbers. Helpers return the high
// half and leave the low half in `lo`: allocating a pair per operation made hashing 3x slower.
let lo = 0;

const C1H = 0x87c37b91;
const C1L = 0x114253d5;
const C2H = 0x4cf5ad43;
const C2L = 0x2745937f;

function x64128(bytes: Buffer): [number, number, number, number] {
  let h1h = 0;
  let h1l = 0;
  let h2h = 0;
  let h2l = 0;
  const blocks = bytes.length - (bytes.length % 16);
  for (let i = 0; i < blocks; i += 16) {
    let kh = mixK1(bytes.readUInt32LE(i + 4), bytes.readUInt32LE(i));
    h1h = (h1h ^ kh) >>> 0;
    h1l = (h1l ^ lo) >>> 0;
    kh = rotl(h1h, h1l, 27);
    kh = add(kh, lo, h2h, h2l);
    kh = mul(kh, lo, 0, 5);
    h1h = add(kh, lo, 0, 0x52dce729);
    h1l = lo;

    kh = mixK2(bytes.readUInt32LE(i + 12), bytes.readUInt32LE(i + 8));
    h2h = (h2h ^ kh) >>> 0;
    h2l = (h2l ^ lo) >>> 0;
    kh = rotl(h2h, h2l, 31);
    kh = add(kh, lo, h1h, h1l);
    kh = mul(kh, lo, 0, 5);
    h2h = add(kh, lo, 0, 0x38495ab5);
    h2l = lo;
  }
  const tail = bytes.subarray(blocks);
  if (tail.length > 8) {
    const th = readTail(tail, 8);
    const kh = mixK2(th, lo);
    h2h = (h2h ^ kh) >>> 0;
    h2l = (h2l ^ lo) >>> 0;
  }
  if (tail.length > 0) {
    const th = readTail(tail, 0);
    const kh = mixK1(th, lo);
    h1h = (h1h ^ kh) >>> 0;
    h1l = (h1l ^ lo) >>> 0;
  }

  h1l = (h1l ^ bytes.length) >>> 0;
  h2l = (h2l ^ bytes.length) >>> 0;
  h1h = add(h1h, h1l, h2h, h2l);
  h1l = lo;
  h2h = add(h2h, h2l, h1h, h1l);
  h2l = lo;
  h1h = fmix(h1h, h1l);
  h1l = lo;
  h2h = fmix(h2h, h2l);
  h2l = lo;
  h1h = add(h1h, h1l, h2h, h2l);
  h1l = lo;
  h2h = add(h2h, h2l, h1h, h1l);
  h2l = lo;
  return [h1h, h1l, h2h, h2l];
}

function mixK1(kh: number, kl: number): number {
  kh = mul(kh, kl, C1H, C1L);
  kh = rotl(kh, lo, 31);
  return mul(kh, lo, C2H, C2L);
}

function mixK2(kh: number, kl: number): number {
  kh = mul(kh, kl, C2H, C2L);
  kh = rotl(lo, kh, 1); // rotl 33 = swap halves, rotl 1
  return mul(kh, lo, C1H, C1L);
}

/** Up to 8 little-endian tail bytes starting at `from`. */
function readTail(tail: Buffer, from: number): number {
  let hi = 0;
  let low = 0;
  const end = Math.min(tail.length, from + 8);
  for (let i = end - 1; i >= from; i--) {
    const shift = i - from;
    if (shift >= 4) hi |= tail[i]! << ((shift - 4) * 8);
    else low |= tail[i]! << (shift * 8);
  }
  lo = low >>> 0;
  return hi >>> 0;
}

/** MurmurHash3's fmix64 finalizer (shifts by 33 move only high bits into the low half). */
function fmix(kh: number, kl: number): number {
  kl = (kl ^ (kh >>> 1)) >>> 0;
  kh = mul(kh, kl, 0xff51afd7, 0xed558ccd);
  kl = (lo ^ (kh >>> 1)) >>> 0;
  kh = mul(kh, kl, 0xc4ceb9fe, 0x1a85ec53);
  lo = (lo ^ (kh >>> 1)) >>> 0;
  return kh;
}

function add(ah: number, al: number, bh: number, bl: number): number {
  const sum = al + bl;
  lo = sum >>> 0;
  return (ah + bh + (sum > 0xffffffff ? 1 : 0)) >>> 0;
}

/** Rotate left by r in 1..31; a rotation by 32 + r is rotl(lo, hi, r). */
function rotl(h: number, l: number, r: number): number {
  lo = ((l << r) | (h >>> (32 - r))) >>> 0;
  return ((h << r) | (l >>> (32 - r))) >>> 0;
}

/** Product modulo 2^64. */
function mul(ah: number, al: number, bh: number, bl: number): number {
  // high word of al*bl, assembled from 16-bit pieces so no partial product exceeds 2^53
  const a1 = al >>> 16;
  const a0 = al & 0xffff;
  const b1 = bl >>> 16;
  const b0 = bl & 0xffff;
  const mid1 = a1 * b0;
  const mid2 = a0 * b1;
  const carry = (((a0 * b0) >>> 16) + (mid1 & 0xffff) + (mid2 & 0xffff)) >>> 16;
  const lowHigh = a1 * b1 + (mid1 >>> 16) + (mid2 >>> 16) + carry;
  lo = Math.imul(al, bl) >>> 0;
  return (lowHigh + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
}

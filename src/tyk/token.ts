import { createHash } from 'node:crypto';
import { murmur32Hex, murmur64Hex, murmur128Hex } from './murmur.js';

/** Tyk's `hash_key_function` values; '' is the legacy token format (docs/tyk-api.md §1.2). */
export type HashFunction = '' | 'murmur32' | 'murmur64' | 'murmur128' | 'sha256';

/** Every key-ID format a gateway may use, in the order a key of unknown format is tried (legacy first). */
export const HASH_FUNCTIONS: readonly HashFunction[] = ['', 'murmur64', 'murmur32', 'murmur128', 'sha256'];

const KNOWN: ReadonlySet<string> = new Set(['murmur32', 'murmur64', 'murmur128', 'sha256']);

/**
 * The key ID Tyk stores and returns for `(org, id)` (docs/tyk-api.md §1.2): the org prefix is stripped
 * from `id` first; legacy format is plain concatenation; otherwise standard base64 of
 * `{"org":…,"id":…,"h":…}`. `fn` is the gateway's free-text config value: unknown names become
 * murmur64, as the gateway does.
 */
export function tykToken(orgId: string, id: string, fn: string): string {
  const bare = orgId !== '' && id.startsWith(orgId) ? id.slice(orgId.length) : id;
  if (fn === '') return orgId + bare;
  const h = KNOWN.has(fn) ? fn : 'murmur64';
  // Tyk builds this JSON with Sprintf, without escaping: mirror it so odd ids give Tyk's bytes.
  return Buffer.from(`{"org":"${orgId}","id":"${bare}","h":"${h}"}`, 'utf8').toString('base64');
}

export interface ParsedToken {
  orgId?: string;
  id: string;
  fn: string;
}

/** Splits a base64-JSON token; undefined for legacy tokens (and anything else). */
export function parseToken(token: string): ParsedToken | undefined {
  const fields = decodeToken(token);
  if (typeof fields?.['id'] !== 'string') return undefined;
  const { org, id, h } = fields;
  return { ...(typeof org === 'string' ? { orgId: org } : {}), id, fn: typeof h === 'string' ? h : '' };
}

/** Tyk only tries tokens starting with `ey` (base64 of `{"`), decoded strictly (padding required). */
function decodeToken(token: string): Record<string, unknown> | undefined {
  if (!token.startsWith('ey') || token.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return undefined;
  try {
    const json: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Tyk's `key_hash` of a token: lowercase hex, with the algorithm named in the token's "h"; legacy
 * tokens, and tokens naming no or an unknown algorithm, use murmur32 (Tyk's `HashStr`).
 */
export function keyHash(token: string): string {
  const h = decodeToken(token)?.['h'];
  switch (h) {
    case 'sha256':
      return createHash('sha256').update(token, 'utf8').digest('hex');
    case 'murmur64':
      return murmur64Hex(token);
    case 'murmur128':
      return murmur128Hex(token);
    default:
      return murmur32Hex(token);
  }
}

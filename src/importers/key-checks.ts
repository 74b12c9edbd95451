import { createHash } from 'node:crypto';
import { Secret } from '../secret.js';

export type KeyCheck =
  | { status: 'missing' }
  | { status: 'invalid'; key?: Secret; detail: string }
  | { status: 'usable'; key: Secret; digest: string };

// whitespace, control and lone-surrogate characters cannot travel unchanged in a header or URL path
const UNUSABLE = /[\s\p{Cc}\p{Cs}]/u;

/**
 * The Gateway routes `/tyk/keys/{keyName:[^/]*}` (docs/tyk-behaviour.md
 * "Key values the API cannot address"): a `/` (also `%2F`) never reaches the key route, `.`/`..` are cleaned out of the path and
 * redirected, `?` and `#` end the path, a `%` is decoded, and `preview`, `create` and `policy` are routes of their own.
 */
const UNADDRESSABLE_CHARS = /[/%?#]/;
const ROUTE_NAMES = new Set(['.', '..', 'preview', 'create', 'policy']);

/**
 * docs/import-mapping.md §0.2 steps 1–2. Values are never trimmed or re-encoded: Tyk stores the raw value
 * (README §0 behaviour 4), so a key that needs fixing is refused, not repaired.
 */
export function checkKey(raw: unknown, minKeyLength: number): KeyCheck {
  if (raw === undefined || raw === null || raw === '') return { status: 'missing' };
  if (typeof raw !== 'string') return { status: 'invalid', detail: `the key is a ${Array.isArray(raw) ? 'list' : typeof raw}, not text` };
  const key = new Secret(raw);
  // Tyk rejects keys of 3 characters or fewer (min_token_length, docs/import-mapping.md §0 behaviour 3)
  if (isShorterThan(raw, minKeyLength)) return { status: 'invalid', key, detail: `the key is shorter than ${minKeyLength} characters` };
  if (UNUSABLE.test(raw)) return { status: 'invalid', key, detail: 'the key contains whitespace or a control character' };
  if (UNADDRESSABLE_CHARS.test(raw)) return { status: 'invalid', key, detail: "Tyk's key API cannot address a key containing / % ? or #" };
  if (ROUTE_NAMES.has(raw)) return { status: 'invalid', key, detail: "Tyk's key API cannot address a key named like one of its routes" };
  return { status: 'usable', key, digest: keyDigest(raw) };
}

/** Counts characters (code points), not UTF-16 units; a string of 2n units surely has n characters. */
const isShorterThan = (value: string, n: number): boolean => value.length < 2 * n && [...value].length < n;

/** Duplicate detection keeps these digests, never raw values. */
export const keyDigest = (value: string): string => createHash('sha256').update(value, 'utf8').digest('base64');

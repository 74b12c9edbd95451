import { fingerprint, type Secret } from '../secret.js';
import type { TykErrorKind } from './errors.js';

/** Connection errors raised before a single byte of the request left this process. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** The HTTP layer's own time limit (ETIMEDOUT), and the codes other clients use for theirs. */
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);

/**
 * Classifies a thrown transport error. Only the code is kept: a client's error may carry the
 * concrete URL (with the key) and the auth headers, so it must not travel further.
 */
export function failureOf(e: unknown): { kind: TykErrorKind; nothingSent: boolean; code?: string } {
  const code = causeCode(e) ?? (e instanceof Error ? causeCode(e.cause) : undefined);
  if (code && TIMED_OUT.has(code)) return { kind: 'timeout', nothingSent: false, code };
  if (e instanceof Error && e.name === 'TimeoutError') return { kind: 'timeout', nothingSent: false, code: 'TimeoutError' };
  return { kind: 'network', nothingSent: code !== undefined && NOT_SENT.has(code), code };
}

function causeCode(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
  return undefined;
}

/**
 * Tyk's error text in its three dialects: Gateway `{"status","message"}`, Dashboard
 * `{"Status","Message","Meta"}`, Portal `{"errors":[…]}`; proxy errors use `{"error"}`
 * (docs/tyk-api.md §1.1, 2.1, 3, 1.5). A non-JSON body (gorilla's plain 404) is kept if short.
 */
export function tykMessageOf(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const line = text.trim().split('\n')[0] ?? '';
    return line && line.length <= 200 && !line.startsWith('<') ? line : undefined;
  }
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  for (const field of ['message', 'Message', 'error']) {
    const v = b[field];
    if (typeof v === 'string' && v !== '') return v.slice(0, 300);
  }
  if (Array.isArray(b.errors) && b.errors.length > 0) return b.errors.map(String).join('; ').slice(0, 300);
  return undefined;
}

/**
 * Replaces every occurrence of a secret (as sent and URL-encoded) by its fingerprint: a Dashboard
 * 403 names the path it refused, and that path holds the key.
 */
export function scrub(message: string | undefined, secrets: Secret[]): string | undefined {
  if (message === undefined) return undefined;
  let out = message;
  for (const s of secrets) {
    const value = s.reveal();
    if (value === '') continue;
    for (const form of new Set([value, encodeURIComponent(value)])) out = out.split(form).join(fingerprint(value));
  }
  return out;
}

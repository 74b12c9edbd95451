import type { TykErrorKind } from './errors.js';

/**
 * `idempotent`: sending the call twice has the same effect as once (GET, PUT of a full session,
 * DELETE, POST of a custom key id). `unsafe`: every send changes something new — a generated key
 * (POST /tyk/keys), an OAuth secret rotation, a Dashboard user-key reset, a Portal credential rotation.
 */
export type RetryMode = 'idempotent' | 'unsafe';

/**
 * Whether a failed attempt may be sent again.
 * An unsafe call is re-sent only when Tyk certainly did not act on it: a 429 (rejected before any
 * work) or a connection that was never opened (ECONNREFUSED, DNS). After a timeout or a 5xx the
 * first send may have landed — a second rotation would replace a secret nobody has seen, a second
 * POST would leave an orphan key — so the error goes to the caller, which re-reads Tyk's state
 * : "re-send a creating POST only if a read shows it missing").
 */
export function mayRetry(kind: TykErrorKind, mode: RetryMode, nothingSent: boolean): boolean {
  if (kind === 'rate_limited') return true;
  if (mode === 'unsafe') return kind === 'network' && nothingSent;
  return kind === 'server' || kind === 'timeout' || kind === 'network';
}

/** Exponential backoff with full jitter: a random wait in [0, min(cap, base·2^attempt)). */
export function backoffMs(attempt: number, random: () => number, baseMs: number, capMs: number): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/**
 * `Retry-After` as delay-seconds or an HTTP-date (RFC 9110 10.2.3); undefined when absent or
 * unreadable. Negative results (a date in the past) become 0.
 */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // an HTTP-date names its weekday and month; V8's Date.parse would also take "-5" as a year
  const at = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

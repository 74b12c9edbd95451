/**
 * The creation date a source platform exported for a key, as ms since the epoch; a key's age
 * counts from it until the bot rotates the key (docs/design.md, key hygiene). Platforms write
 * it as unix seconds (Kong `created_at`, the AWS SDK's `createdDate`), unix milliseconds (Apigee
 * `issuedAt`, often as a string) or ISO 8601 (AWS CLI `createdDate`, Azure `createdDate`, Tyk
 * `date_created`). Anything else, Go's zero time, or a date in the future counts as unknown.
 */
export function sourceCreatedAt(v: unknown, nowMs: number): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : null;
  // below 1e11 a number is seconds (1e11 s is the year 5138; 1e11 ms is 1973)
  const ms = n !== null ? (n < 1e11 ? n * 1000 : n) : typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isFinite(ms) && ms > 0 && ms <= nowMs ? Math.round(ms) : undefined;
}

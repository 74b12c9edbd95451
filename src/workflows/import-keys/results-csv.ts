import type { ItemRow } from '../../store/import-items.js';

const HEADER = ['ref', 'line', 'fingerprint', 'alias', 'status', 'reason', 'warnings', 'key_hash', 'error'];

/**
 * A spreadsheet would run a cell starting with = + - @ (or a tab/CR) as a formula; such cells get a
 * leading apostrophe (OWASP "CSV injection"). Aliases and errors come from the imported file.
 */
const neutralise = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
export const cell = (v: string | number | null): string => {
  const s = neutralise(v === null ? '' : String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The results file of a batch: one row per record, fingerprints only, never a key value. */
export function* resultsCsv(rows: Iterable<ItemRow>): Generator<string> {
  yield `${HEADER.join(',')}\r\n`;
  for (const r of rows) {
    const status = r.status === 'ready' ? 'not-run' : r.status === 'creating' ? 'unknown' : r.status;
    const reason = r.status === 'creating' ? null : r.reason;
    yield `${[r.ref, r.line, r.fingerprint, r.alias, status, reason, r.warnings, r.key_hash, r.error].map(cell).join(',')}\r\n`;
  }
}

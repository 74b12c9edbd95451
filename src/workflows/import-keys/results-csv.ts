import type { ItemRow } from '../../store/import-items.js';

const HEADER = ['ref', 'line', 'fingerprint', 'alias', 'status', 'reason', 'warnings', 'key_hash', 'error'];
const KEY_HASH = HEADER.indexOf('key_hash');

/**
 * A spreadsheet would run a cell starting with = + - @ (or a tab/CR) as a formula; such cells get a
 * leading apostrophe (OWASP "CSV injection"). Aliases and errors come from the imported file.
 */
const neutralise = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
export const cell = (v: string | number | null): string => {
  const s = neutralise(v === null ? '' : String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The results file of a batch: one row per record, fingerprints only, never a key value. A key's
 * hash manages the key where hashing is on, so it never goes to a channel
 * (docs/design.md "Who gets a new secret"): only the CLI's own `--results` file has the `key_hash` column (`keyHash: true`).
 */
export function* resultsCsv(rows: Iterable<ItemRow>, o: { keyHash: boolean }): Generator<string> {
  const keep = (cells: unknown[]) => (o.keyHash ? cells : cells.filter((_, i) => i !== KEY_HASH));
  yield `${keep(HEADER).join(',')}\r\n`;
  for (const r of rows) {
    const status = r.status === 'ready' ? 'not-run' : r.status === 'creating' ? 'unknown' : r.status;
    // `reason`: why a record was skipped or invalid, else the intent a create was sent with (new, overwrite)
    const cells = [r.ref, r.line, r.fingerprint, r.alias, status, r.reason ?? r.intent, r.warnings, r.key_hash, r.error];
    yield `${(keep(cells) as Array<string | number | null>).map(cell).join(',')}\r\n`;
  }
}

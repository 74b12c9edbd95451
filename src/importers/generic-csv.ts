import { resolveApi } from './api-ref.js';
import { type BuildContext, buildRecord, type Draft } from './build-record.js';
import { type CsvRow, cellOf, columnIndex, csvRows } from './csv-table.js';
import { parseBoolean, parseExpires, parseQuota, parseRatePer, splitList } from './generic-csv-fields.js';
import { firstWins } from './key-claims.js';
import { setOwn } from './own-property.js';
import { checkRowWidth } from './row-width.js';
import { tooManyKeys } from './too-many-keys.js';
import type { ImportAccessRight, ImportFile, ImportOptions, ImportRecord } from './types.js';
import { defaultGrant } from './unlimited.js';

/**
 * The hand-written CSV of docs/import-mapping.md §6, streamed. A first pass only counts rows (and surfaces
 * file-level problems such as an unclosed quote) before any record comes out.
 */
export async function genericCsv(
  file: ImportFile,
  header: string[],
  options: ImportOptions,
  maxKeys: number,
): Promise<AsyncIterable<ImportRecord>> {
  const columns = columnIndex(file.name, header);
  // `meta.<name>`: the header is case-insensitive, but <name> is taken verbatim (docs/import-mapping.md §6)
  const meta = [...columns.entries()]
    .filter(([name]) => name.startsWith('meta.') && name.length > 'meta.'.length)
    .map(([, i]) => ({ column: i, name: (header[i] ?? '').trim().slice('meta.'.length) }));
  let count = 0;
  for await (const _row of csvRows(file)) if (++count > maxKeys) throw tooManyKeys(file.name, maxKeys);
  return {
    async *[Symbol.asyncIterator]() {
      const ctx: BuildContext = { options, claims: firstWins() };
      for await (const row of csvRows(file)) {
        yield buildRecord({ index: row.index, ref: `row ${row.index + 1}`, line: row.line, rawKey: cellOf(row, columns, 'key') }, ctx, () =>
          genericDraft(row, columns, header.length, meta, options),
        );
      }
    },
  };
}

function genericDraft(
  row: CsvRow,
  columns: Map<string, number>,
  width: number,
  meta: Array<{ column: number; name: string }>,
  options: ImportOptions,
): Draft {
  checkRowWidth(row, width);
  const cell = (name: string) => cellOf(row, columns, name);
  const access_rights: Record<string, ImportAccessRight> = {};
  for (const id of splitList(cell('api_ids'))) {
    const api = resolveApi(options, id, { api_id: id, api_name: id });
    setOwn(access_rights, api.api_id, defaultGrant(api));
  }
  const meta_data: Record<string, unknown> = {};
  for (const { column, name } of meta) {
    const value = row.cells[column] ?? '';
    if (value !== '') setOwn(meta_data, name, value);
  }
  setOwn(meta_data, 'migrated_from', 'csv');
  return {
    session: {
      alias: cell('alias'),
      ...parseRatePer(cell('rate'), cell('per')),
      ...parseQuota(cell('quota_max'), cell('quota_period')),
      expires: parseExpires(cell('expires')),
      is_inactive: parseBoolean(cell('is_inactive'), 'is_inactive'),
      access_rights,
      apply_policies: splitList(cell('policy_ids')),
      meta_data,
      tags: splitList(cell('tags')),
    },
    warnings: [],
  };
}

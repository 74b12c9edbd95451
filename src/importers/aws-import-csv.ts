import { planGroups } from './aws-plans.js';
import { badFile } from './bad-file.js';
import { type BuildContext, buildRecord, type Draft } from './build-record.js';
import { type CsvRow, cellOf, columnIndex, csvRows } from './csv-table.js';
import { mergeGrantGroups } from './grant-groups.js';
import { checkKey } from './key-checks.js';
import { lastWins } from './key-claims.js';
import { invalidField } from './record-error.js';
import { checkRowWidth } from './row-width.js';
import { tooManyKeys } from './too-many-keys.js';
import type { ImportFile, ImportOptions, ImportRecord } from './types.js';

const READ = { singleQuotes: true } as const;

/**
 * `aws apigateway import-api-keys --format csv` file (docs/import-mapping.md §2.4). Import there is an upsert keyed
 * by value, so the LAST row with a value wins: a first pass keeps digest → last row, the second
 * pass marks earlier rows `superseded`. Neither pass holds more than one row.
 */
export async function awsImportCsv(
  file: ImportFile,
  header: string[],
  plans: Map<string, Record<string, unknown>>,
  options: ImportOptions,
  maxKeys: number,
): Promise<AsyncIterable<ImportRecord>> {
  const columns = columnIndex(file.name, header);
  if (!columns.has('name')) throw badFile(file.name, 'has no Name column (AWS requires Name and Key)', 'add a Name column');
  const lastIndex = new Map<string, number>();
  let count = 0;
  for await (const row of csvRows(file, READ)) {
    if (++count > maxKeys) throw tooManyKeys(file.name, maxKeys);
    const check = checkKey(cellOf(row, columns, 'key'), options.minKeyLength);
    if (check.status === 'usable') lastIndex.set(check.digest, row.index);
  }
  return {
    async *[Symbol.asyncIterator]() {
      const ctx: BuildContext = { options, claims: lastWins(lastIndex) };
      for await (const row of csvRows(file, READ)) {
        const rawKey = cellOf(row, columns, 'key');
        yield buildRecord({ index: row.index, ref: `row ${row.index + 1}`, line: row.line, rawKey }, ctx, () =>
          awsCsvDraft(row, columns, header.length, plans, options),
        );
      }
    },
  };
}

function awsCsvDraft(
  row: CsvRow,
  columns: Map<string, number>,
  width: number,
  plans: Map<string, Record<string, unknown>>,
  options: ImportOptions,
): Draft {
  checkRowWidth(row, width);
  const enabled = cellOf(row, columns, 'enabled').trim().toLowerCase();
  if (enabled !== '' && enabled !== 'true' && enabled !== 'false') throw invalidField('Enabled must be true, false or empty');
  const planIds = cellOf(row, columns, 'usageplanids')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const { groups, warnings } = planGroups(planIds, plans, options);
  const merged = mergeGrantGroups(groups);
  const description = cellOf(row, columns, 'description');
  const meta: Record<string, unknown> = { migrated_from: 'aws-apigateway' };
  if (description !== '') meta.aws_description = description;
  // only plans the plans file holds: a dangling id is the `unknown_usage_plan` warning, not a fact about the key
  const known = planIds.filter((p) => plans.has(p));
  if (known.length > 0) meta.aws_usage_plans = known.join(',');
  return {
    session: {
      alias: cellOf(row, columns, 'name'),
      ...merged.limit,
      expires: 0,
      is_inactive: enabled === 'false',
      access_rights: merged.access_rights,
      apply_policies: [],
      meta_data: meta,
      tags: [],
    },
    warnings: [...warnings, ...merged.warnings],
  };
}

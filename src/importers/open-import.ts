import { KeybotError } from '../errors.js';
import { apigeeList, apigeeRecords } from './apigee.js';
import { assignRoles, type Candidate } from './assign-roles.js';
import { awsRecords } from './aws.js';
import { awsImportCsv } from './aws-import-csv.js';
import { usagePlansById } from './aws-plans.js';
import { azureRecords } from './azure.js';
import type { BuildContext } from './build-record.js';
import { csvRole, documentRoles } from './detect-role.js';
import { genericCsv } from './generic-csv.js';
import { firstWins } from './key-claims.js';
import { kongRecords } from './kong.js';
import { DEFAULT_MAX_KEYS } from './limits.js';
import { type LoadedFile, loadFile, wholeDocument } from './load-file.js';
import { isObject } from './own-property.js';
import { tooManyKeys } from './too-many-keys.js';
import { tykRecordCount, tykRecords } from './tyk.js';
import type { FileRole, FileRoleName, ImportFile, ImportFormat, ImportOptions, ImportRecord, ParsedImport } from './types.js';

export const IMPORT_FORMATS: readonly ImportFormat[] = ['tyk', 'csv', 'kong', 'aws', 'apigee', 'azure'];

type Roles = Map<FileRoleName, Candidate<LoadedFile>>;

/**
 * Recognises each file's role by its content, checks the set is complete, and returns the records
 * (iterable more than once). File-level problems throw BAD_INPUT before any record comes out; for
 * streamed CSV they can also come from the iterator if the file changes between passes.
 */
export async function openImport(format: ImportFormat, files: ImportFile[], options: ImportOptions): Promise<ParsedImport> {
  checkOptions(format, options);
  if (files.length === 0)
    throw new KeybotError(
      'BAD_INPUT',
      'No file to import: upload the export file (and its auxiliary files, such as usage plans or products).',
    );
  const candidates: Candidate<LoadedFile>[] = [];
  for (const file of files) {
    const loaded = await loadFile(format, file);
    const roles =
      loaded.kind === 'csv'
        ? [csvRole(format, file.name, loaded.header)].filter((r) => r !== undefined)
        : documentRoles(format, file.name, loaded.doc.value);
    candidates.push({ name: file.name, roles, loaded });
  }
  const { roles, keyRole } = assignRoles(format, candidates);
  const roleOf = new Map([...roles].map(([role, candidate]) => [candidate, role]));
  const fileRoles: FileRole[] = candidates.map((c) => ({ name: c.name, role: roleOf.get(c) as FileRoleName }));
  return { format, files: fileRoles, records: await keyRecords(keyRole, roles, options) };
}

async function keyRecords(keyRole: FileRoleName, roles: Roles, options: ImportOptions): Promise<AsyncIterable<ImportRecord>> {
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  const keys = (roles.get(keyRole) as Candidate<LoadedFile>).loaded;
  const name = keys.file.name;
  // the auxiliary files (usage plans, products, ...) are small and needed whole
  const whole = new Map<FileRoleName, unknown>();
  for (const [role, { loaded }] of roles)
    if (role !== keyRole && loaded.kind === 'document') whole.set(role, (await wholeDocument(loaded)).value);
  const object = (role: FileRoleName): Record<string, unknown> => {
    const v = whole.get(role);
    return isObject(v) ? v : {};
  };
  if (keys.kind === 'csv') {
    return keyRole === 'csv'
      ? genericCsv(keys.file, keys.header, options, maxKeys)
      : awsImportCsv(keys.file, keys.header, usagePlansById(object('usage plans')), options, maxKeys);
  }
  const doc = keys.doc;
  const records = (ctx: BuildContext): AsyncIterable<ImportRecord> => {
    switch (keyRole) {
      case 'sessions':
        return tykRecords(doc, ctx);
      case 'decK dump':
        return kongRecords(doc, name, ctx);
      case 'api keys': {
        const planKeys = { name: roles.get('usage plan keys')?.name ?? '', value: object('usage plan keys') };
        return awsRecords({ apiKeys: { name, doc }, plans: usagePlansById(object('usage plans')), planKeys }, ctx);
      }
      case 'apps':
        return apigeeRecords({ name, doc }, apigeeList(whole.get('products'), 'apiProduct') ?? [], ctx);
      case 'subscriptions':
        return azureRecords(doc, object('product bundle'), ctx);
      default:
        throw new KeybotError('INTERNAL', `The ${keyRole} file does not hold keys.`);
    }
  };
  // a Tyk export's records raise no file-level problem and its first read counted them: one pass builds them
  if (keyRole === 'sessions') return onePass(records, options, name, maxKeys, tykRecordCount(doc));
  return twoPasses(records, options, name, maxKeys);
}

/**
 * Records built once per iteration, for a format whose first read already counted them (past
 * maxKeys is refused here, before any record) and whose records raise no file-level problem; the
 * count is checked again as they stream, in case the file grew since.
 */
function onePass(
  records: (ctx: BuildContext) => AsyncIterable<ImportRecord>,
  options: ImportOptions,
  fileName: string,
  maxKeys: number,
  count: number,
): AsyncIterable<ImportRecord> {
  if (count > maxKeys) throw tooManyKeys(fileName, maxKeys);
  return {
    async *[Symbol.asyncIterator]() {
      let n = 0;
      for await (const r of records({ options, claims: firstWins() })) {
        if (++n > maxKeys) throw tooManyKeys(fileName, maxKeys);
        yield r;
      }
    },
  };
}

/**
 * Builds every record once and drops it, counting (past maxKeys is refused), so file-level problems
 * surface before the first record; then each iteration builds them again, streamed from the file.
 */
async function twoPasses(
  records: (ctx: BuildContext) => AsyncIterable<ImportRecord>,
  options: ImportOptions,
  fileName: string,
  maxKeys: number,
): Promise<AsyncIterable<ImportRecord>> {
  let count = 0;
  for await (const _ of records({ options, claims: firstWins() })) if (++count > maxKeys) throw tooManyKeys(fileName, maxKeys);
  return { [Symbol.asyncIterator]: () => records({ options, claims: firstWins() })[Symbol.asyncIterator]() };
}

function checkOptions(format: ImportFormat, options: ImportOptions): void {
  if (!IMPORT_FORMATS.includes(format))
    throw new KeybotError('BAD_INPUT', `Unknown import format; use one of ${IMPORT_FORMATS.join(', ')}.`);
  // a millisecond timestamp here would make every expiry look past and every Kong TTL huge
  if (!Number.isFinite(options.referenceTime) || options.referenceTime < 0 || options.referenceTime >= 1e11) {
    throw new KeybotError('BAD_INPUT', 'The export time must be unix seconds or an ISO 8601 date-time.');
  }
  if (!Number.isInteger(options.minKeyLength) || options.minKeyLength < 1)
    throw new KeybotError('INTERNAL', 'minKeyLength must be a whole number of at least 1.');
}

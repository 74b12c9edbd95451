import { KeybotError } from '../errors.js';
import { apigeeList, apigeeRecords } from './apigee.js';
import { assignRoles, type Candidate } from './assign-roles.js';
import { awsRecords } from './aws.js';
import { awsImportCsv } from './aws-import-csv.js';
import { usagePlansById } from './aws-plans.js';
import { azureRecords } from './azure.js';
import { csvRole, documentRoles } from './detect-role.js';
import { genericCsv } from './generic-csv.js';
import { firstWins } from './key-claims.js';
import { kongRecords } from './kong.js';
import { DEFAULT_MAX_KEYS } from './limits.js';
import { type LoadedFile, loadFile } from './load-file.js';
import { isObject } from './own-property.js';
import { tooManyKeys } from './too-many-keys.js';
import { tykRecords } from './tyk.js';
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
  const ctx = { options, claims: firstWins() };
  const keys = (roles.get(keyRole) as Candidate<LoadedFile>).loaded;
  const name = keys.file.name;
  const value = (role: FileRoleName): unknown => {
    const loaded = roles.get(role)?.loaded;
    return loaded?.kind === 'document' ? loaded.doc.value : undefined;
  };
  const object = (role: FileRoleName): Record<string, unknown> => {
    const v = value(role);
    return isObject(v) ? v : {};
  };
  if (keys.kind === 'csv') {
    return keyRole === 'csv'
      ? genericCsv(keys.file, keys.header, options, maxKeys)
      : awsImportCsv(keys.file, keys.header, usagePlansById(object('usage plans')), options, maxKeys);
  }
  switch (keyRole) {
    case 'sessions':
      return collect(tykRecords(object('sessions'), ctx), name, maxKeys);
    case 'decK dump':
      return collect(kongRecords(keys.doc, name, ctx), name, maxKeys);
    case 'api keys': {
      const planKeys = { name: roles.get('usage plan keys')?.name ?? '', value: object('usage plan keys') };
      return collect(
        awsRecords({ apiKeys: { name, value: object('api keys') }, plans: usagePlansById(object('usage plans')), planKeys }, ctx),
        name,
        maxKeys,
      );
    }
    case 'apps':
      return collect(apigeeRecords({ name, value: keys.doc.value }, apigeeList(value('products'), 'apiProduct') ?? [], ctx), name, maxKeys);
    case 'subscriptions': {
      const list = object('subscriptions').value;
      return collect(azureRecords(Array.isArray(list) ? list : [], object('product bundle'), ctx), name, maxKeys);
    }
    default:
      throw new KeybotError('INTERNAL', `The ${keyRole} file does not hold keys.`);
  }
}

/** Builds every record of an in-memory document now (stopping past maxKeys), so problems surface before the first record. */
function collect(records: Iterable<ImportRecord>, fileName: string, maxKeys: number): AsyncIterable<ImportRecord> {
  const all: ImportRecord[] = [];
  for (const record of records) {
    if (all.length >= maxKeys) throw tooManyKeys(fileName, maxKeys);
    all.push(record);
  }
  return {
    async *[Symbol.asyncIterator]() {
      yield* all;
    },
  };
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

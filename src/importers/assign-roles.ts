import { KeybotError } from '../errors.js';
import { badFile } from './bad-file.js';
import { ROLE_SOURCE } from './detect-role.js';
import type { FileRoleName, ImportFormat } from './types.js';

/** The file sets each format accepts; the first role of a set is the one that holds the keys. */
const ROLE_SETS: Record<ImportFormat, FileRoleName[][]> = {
  tyk: [['sessions']],
  kong: [['decK dump']],
  aws: [
    ['api keys', 'usage plans', 'usage plan keys'],
    ['import-api-keys csv', 'usage plans'],
  ],
  apigee: [['apps', 'products']],
  azure: [['subscriptions', 'product bundle']],
  csv: [['csv']],
};

export interface Candidate<T> {
  name: string;
  roles: FileRoleName[];
  loaded: T;
}

/**
 * Gives every uploaded file exactly one role, then checks the set is complete. A file with several
 * possible roles (an empty list) takes the one no other file took.
 */
export function assignRoles<T>(
  format: ImportFormat,
  files: Candidate<T>[],
): { roles: Map<FileRoleName, Candidate<T>>; keyRole: FileRoleName } {
  const roles = new Map<FileRoleName, Candidate<T>>();
  const take = (role: FileRoleName, file: Candidate<T>) => {
    const other = roles.get(role);
    if (other)
      throw new KeybotError(
        'BAD_INPUT',
        `"${other.name}" and "${file.name}" both look like ${ROLE_SOURCE[role]}; upload only one of them.`,
      );
    roles.set(role, file);
  };
  for (const file of files) {
    if (file.roles.length === 0) {
      const expected = [...new Set(ROLE_SETS[format].flat())].map((r) => ROLE_SOURCE[r]).join('; or ');
      throw badFile(file.name, `is not a file the ${format} import understands`, `upload ${expected}`);
    }
    if (file.roles.length === 1) take(file.roles[0] as FileRoleName, file);
  }
  for (const file of files.filter((f) => f.roles.length > 1)) {
    const open = file.roles.filter((r) => !roles.has(r));
    if (open.length !== 1)
      throw badFile(
        file.name,
        `holds an empty list, so it could be ${file.roles.map((r) => ROLE_SOURCE[r]).join(' or ')}`,
        'remove it, or upload the other files of the export with it',
      );
    take(open[0] as FileRoleName, file);
  }
  const fitting = ROLE_SETS[format].filter((s) => [...roles.keys()].every((r) => s.includes(r)));
  const set = fitting[0];
  if (!set)
    throw new KeybotError(
      'BAD_INPUT',
      `The files are from different ${format} exports (${[...roles.keys()].join(', ')}); import them separately.`,
    );
  const missing = set.filter((r) => !roles.has(r));
  if (missing.length > 0) {
    const need =
      fitting.length > 1
        ? fitting
            .map((s) =>
              s
                .filter((r) => !roles.has(r))
                .map((r) => ROLE_SOURCE[r])
                .join(' and '),
            )
            .join('; or ')
        : missing.map((r) => ROLE_SOURCE[r]).join(' and ');
    throw new KeybotError('BAD_INPUT', `The ${format} import also needs ${need}; add it to the upload.`);
  }
  return { roles, keyRole: set[0] as FileRoleName };
}

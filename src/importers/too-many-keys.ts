import { badFile } from './bad-file.js';

export const tooManyKeys = (fileName: string, maxKeys: number) =>
  badFile(
    fileName,
    `holds more than ${maxKeys.toLocaleString('en-US')} keys, the most one import takes (IMPORT_MAX_KEYS)`,
    'split it into smaller files, or raise IMPORT_MAX_KEYS',
  );

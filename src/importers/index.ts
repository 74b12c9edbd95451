export type {
  FileRole,
  FileRoleName,
  ImportAccessRight,
  ImportFile,
  ImportFormat,
  ImportLimit,
  ImportOptions,
  ImportRecord,
  ImportSession,
  ImportWarning,
  ParsedImport,
  RecordErrorCode,
  SkipReason,
} from './types.js';
export { openImport, IMPORT_FORMATS } from './open-import.js';
export { defaultImportOptions } from './default-options.js';
export { fileFromBuffer, fileFromPath } from './import-file.js';
export { MAX_CSV_RECORD_LENGTH, MAX_IMPORT_FILE_BYTES, MAX_JSON_DEPTH, DEFAULT_MAX_KEYS } from './limits.js';

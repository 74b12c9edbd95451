export { defaultImportOptions } from './default-options.js';
export { type FileSource, fileFromBuffer, fileFromPath, fileFromSource, fileSource } from './import-file.js';
export {
  DEFAULT_MAX_KEYS,
  MAX_CSV_RECORD_LENGTH,
  MAX_IMPORT_FILE_BYTES,
  MAX_JSON_DEPTH,
  MAX_STREAMED_FILE_BYTES,
  MAX_YAML_BYTES,
} from './limits.js';
export { IMPORT_FORMATS, openImport } from './open-import.js';
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

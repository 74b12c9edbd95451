/** Largest import file read whole (YAML, and the small auxiliary files when they are large); also the Slack upload cap. */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;

/**
 * Largest import file read as a stream (CSV, JSON): memory does not grow with it, so this only bounds
 * the time (a 1,000,000-key Tyk export is about 400 MB).
 */
export const MAX_STREAMED_FILE_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Largest CSV record in characters (1 MB of ASCII): a line, or several joined by quoted newlines.
 * Also bounds memory when a quote is never closed.
 */
export const MAX_CSV_RECORD_LENGTH = 1024 * 1024;

/** Deeper JSON/YAML nesting is refused before parsing: no real export nests beyond ~10 levels. */
export const MAX_JSON_DEPTH = 64;

/** IMPORT_MAX_KEYS default (docs/design.md "Configuration"). */
export const DEFAULT_MAX_KEYS = 1_000_000;

/**
 * Largest YAML document read. A YAML parser builds a node tree many times the text's size (a 7 MB
 * decK dump took 5 s and 460 MB of heap), so larger dumps must come as JSON, which is streamed.
 */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;

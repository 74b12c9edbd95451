import YAML from 'yaml';
import { isKeybotError } from '../errors.js';
import { badFile } from './bad-file.js';
import { type JsonEntry, type JsonPath, jsonEntries, pathKey, readJsonSkeleton } from './json-stream.js';
import { MAX_JSON_DEPTH, MAX_YAML_BYTES } from './limits.js';
import { isObject } from './own-property.js';
import type { ImportFile } from './types.js';

export interface ParsedDocument {
  /** The document; with `complete` false, each record list cut to its first SAMPLE_ENTRIES entries (enough to judge the role) */
  value: unknown;
  complete: boolean;
  /** The entries of the record list (or object) at `path`, in file order, all of them: streamed from the file again if it was cut */
  entries(path: JsonPath): AsyncIterable<JsonEntry>;
  /** How many entries the list (or object) at `path` holds in the file: known without reading it again */
  entryCount(path: JsonPath): number;
  /** YAML only: the source text of a scalar, so a key written `0123` or `yes` unquoted keeps its exact form */
  scalarSource?: (path: ReadonlyArray<string | number>) => string | undefined;
}

const FIX_JSON = 'fix the file (or export it again) and try again';

/**
 * JSON, streamed: the lists in `lists` (where a format keeps its records) are read in full only when
 * `entries` asks for them, so a 1,000,000-key export is never held whole. `lists` empty reads it whole.
 */
export async function readJson(file: ImportFile, lists: JsonPath[]): Promise<ParsedDocument> {
  const { value, cut, counts } = await readJsonSkeleton(file, lists);
  return {
    value,
    complete: cut.length === 0,
    entries: (path) => (cut.some((c) => pathKey(c) === pathKey(path)) ? jsonEntries(file, path) : entriesIn(value, path)),
    entryCount: (path) => counts.get(pathKey(path)) ?? countIn(value, path),
  };
}

/** The number of entries of the list or object at `path` of an in-memory value (0 if it is neither). */
function countIn(value: unknown, path: JsonPath): number {
  let at: unknown = value;
  for (const k of path) at = isObject(at) ? at[k] : undefined;
  return Array.isArray(at) ? at.length : isObject(at) ? Object.keys(at).length : 0;
}

/** The entries of the list or object at `path` of an in-memory value (none if it is neither). */
async function* entriesIn(value: unknown, path: JsonPath): AsyncGenerator<JsonEntry> {
  let at: unknown = value;
  for (const k of path) at = isObject(at) ? at[k] : undefined;
  if (Array.isArray(at)) yield* at.entries();
  else if (isObject(at)) yield* Object.entries(at);
}

/** YAML (a decK dump), read whole: capped at MAX_YAML_BYTES first. */
export function parseYaml(fileName: string, text: string): ParsedDocument {
  refuseLargeYaml(fileName, text);
  let doc: YAML.Document.Parsed;
  let value: unknown;
  try {
    doc = YAML.parseDocument(text, { uniqueKeys: true });
    const first = doc.errors[0];
    if (first) {
      const pos = first.linePos?.[0];
      const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
      // the library's message quotes the offending lines, which may hold a key: only its code is used
      throw badFile(fileName, `is not valid YAML${where} (${first.code})`, FIX_JSON);
    }
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep(fileName);
    if (!isKeybotError(e)) throw badFile(fileName, 'could not be read as YAML (too many aliases or an unsupported construct)', FIX_JSON);
    throw e;
  }
  if (depthOf(value, 0) > MAX_JSON_DEPTH) throw tooDeep(fileName);
  const parsed = doc;
  return {
    value,
    complete: true,
    entries: (path) => entriesIn(value, path),
    entryCount: (path) => countIn(value, path),
    scalarSource: (path) => {
      const node = parsed.getIn(path, true);
      return YAML.isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
    },
  };
}

/** Checked before the YAML parser sees a byte: a large dump becomes a clear message, not an out-of-memory worker. */
function refuseLargeYaml(fileName: string, text: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= MAX_YAML_BYTES) return;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  throw badFile(
    fileName,
    `is ${mb(bytes)} of YAML, more than the ${mb(MAX_YAML_BYTES)} the bot reads as YAML`,
    'convert it to JSON and import that: `deck gateway dump --format json -o kong.json` (or `yq -o=json . kong.yaml > kong.json`)',
  );
}

const tooDeep = (fileName: string) =>
  badFile(fileName, `nests deeper than ${MAX_JSON_DEPTH} levels`, 'no key export is shaped like that; upload the export file itself');

function depthOf(value: unknown, depth: number): number {
  if (typeof value !== 'object' || value === null || depth > MAX_JSON_DEPTH) return depth;
  let max = depth + 1;
  for (const child of Object.values(value)) max = Math.max(max, depthOf(child, depth + 1));
  return max;
}

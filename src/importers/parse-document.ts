import YAML from 'yaml';
import { isKeybotError } from '../errors.js';
import { badFile } from './bad-file.js';
import { checkJson, lineColumn } from './json-check.js';
import { MAX_JSON_DEPTH, MAX_YAML_BYTES } from './limits.js';

export interface ParsedDocument {
  value: unknown;
  /** YAML only: the source text of a scalar, so a key written `0123` or `yes` unquoted keeps its exact form */
  scalarSource?: (path: ReadonlyArray<string | number>) => string | undefined;
}

const FIX_JSON = 'fix the file (or export it again) and try again';

export function parseJson(fileName: string, text: string): ParsedDocument {
  const check = checkJson(text, MAX_JSON_DEPTH);
  if (!check.ok) {
    const { line, column } = lineColumn(text, check.offset);
    if (check.problem === 'depth') {
      throw badFile(
        fileName,
        `nests deeper than ${MAX_JSON_DEPTH} levels (at line ${line}, column ${column})`,
        'no key export is shaped like that; upload the export file itself',
      );
    }
    const what = check.offset >= text.length ? 'ends before the JSON is complete' : `is not valid JSON at line ${line}, column ${column}`;
    throw badFile(fileName, what, FIX_JSON);
  }
  return { value: JSON.parse(text) as unknown };
}

/** JSON when it looks like JSON (decK `--format json`), else YAML. */
export function parseJsonOrYaml(fileName: string, text: string): ParsedDocument {
  if (/^\s*[[{]/.test(text)) return parseJson(fileName, text);
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

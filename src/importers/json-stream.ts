import { Tokenizer, TokenType } from '@streamparser/json';
import { type JsonFrame, JsonGrammar, type JsonReader } from '../json-grammar.js';
import { badFile } from './bad-file.js';
import { decodeText } from './decode-text.js';
import { MAX_JSON_DEPTH, MAX_STREAMED_FILE_BYTES } from './limits.js';
import { setOwn } from './own-property.js';
import type { ImportFile } from './types.js';

/** A path from the document's root: member names and list positions. */
export type JsonPath = ReadonlyArray<string>;

/** One entry of a list (its position) or of an object (its member name). */
export type JsonEntry = [key: string | number, value: unknown];

/** How many entries of a record list the first read keeps: enough to judge the file's role. */
export const SAMPLE_ENTRIES = 1000;

const FIX_JSON = 'fix the file (or export it again) and try again';

/**
 * JSON read as a stream with `@streamparser/json`'s tokenizer (docs/architecture.md §5):
 * the grammar, the depth cap and the error positions are checked here, and values are built only
 * where they are wanted, so memory does not grow with the number of records.
 *
 * `readJsonSkeleton` builds the whole document except that each record list named in `lists` keeps
 * only its first SAMPLE_ENTRIES entries (the rest are checked and dropped); `jsonEntries` then streams
 * the entries of one such list, one at a time.
 */
export async function readJsonSkeleton(
  file: ImportFile,
  lists: JsonPath[],
): Promise<{ value: unknown; cut: JsonPath[]; counts: Map<string, number> }> {
  const cut: JsonPath[] = [];
  // how many entries each record list held in the file (kept or not): a count needs no second read
  const counts = new Map<string, number>();
  const assembler = new Assembler(
    (path) => (lists.some((l) => samePath(l, path)) ? SAMPLE_ENTRIES : Number.POSITIVE_INFINITY),
    (path, count, wasCut) => {
      if (wasCut) cut.push(path);
      counts.set(pathKey(path), count);
    },
    undefined,
  );
  for await (const _ of feed(file, assembler)) {
    // nothing is emitted by a skeleton read
  }
  if (!assembler.started) throw badFile(file.name, 'is empty', 'upload the export file itself');
  return { value: assembler.root, cut, counts };
}

/** A path as one string, for maps keyed by path. */
export const pathKey = (path: JsonPath): string => path.join('\0');

/** The entries of the list (or object) at `path`, streamed from the file; nothing else is built. */
export async function* jsonEntries(file: ImportFile, path: JsonPath): AsyncGenerator<JsonEntry> {
  const assembler = new Assembler(
    () => Number.POSITIVE_INFINITY,
    () => undefined,
    path,
  );
  for await (const entries of feed(file, assembler)) yield* entries;
}

/** Writes the file's text into the tokenizer chunk by chunk; yields what each chunk completed. */
async function* feed(file: ImportFile, assembler: Assembler): AsyncGenerator<JsonEntry[]> {
  const tokenizer = new Tokenizer();
  let failure: { offset: number; problem: 'syntax' | 'depth' | 'end' } | undefined;
  tokenizer.onToken = ({ token, value, offset }) => {
    if (failure) return;
    const problem = assembler.token(token, value);
    if (problem) failure = { offset, problem };
  };
  tokenizer.onError = (e) => {
    // the tokenizer's own message quotes the character (perhaps part of a key): only its position is kept
    const at = /absolute position "(\d+)"/.exec(e.message);
    failure ??= at ? { offset: Number(at[1]), problem: 'syntax' } : { offset: -1, problem: 'end' };
  };
  for await (const text of decodeText(file, MAX_STREAMED_FILE_BYTES)) {
    if (text !== '') tokenizer.write(text);
    if (failure) break;
    if (assembler.emitted.length > 0) {
      yield assembler.emitted;
      assembler.emitted = [];
    }
  }
  if (!failure) {
    if (!tokenizer.isEnded) tokenizer.end();
    if (!failure && assembler.started && !assembler.done) failure = { offset: -1, problem: 'end' };
  }
  if (failure) throw await jsonError(file, failure);
  if (assembler.emitted.length > 0) yield assembler.emitted;
}

async function jsonError(file: ImportFile, f: { offset: number; problem: 'syntax' | 'depth' | 'end' }) {
  if (f.problem === 'end') return badFile(file.name, 'ends before the JSON is complete', FIX_JSON);
  const { line, column } = await lineColumnOfByte(file, f.offset);
  if (f.problem === 'depth')
    return badFile(
      file.name,
      `nests deeper than ${MAX_JSON_DEPTH} levels (at line ${line}, column ${column})`,
      'no key export is shaped like that; upload the export file itself',
    );
  return badFile(file.name, `is not valid JSON at line ${line}, column ${column}`, FIX_JSON);
}

/** 1-based line and column (in characters) of a UTF-8 byte offset of the decoded text; reads the file again. */
async function lineColumnOfByte(file: ImportFile, offset: number): Promise<{ line: number; column: number }> {
  let bytes = 0;
  let line = 1;
  let column = 1;
  for await (const text of decodeText(file, MAX_STREAMED_FILE_BYTES)) {
    for (const ch of text) {
      if (bytes >= offset) return { line, column };
      bytes += Buffer.byteLength(ch, 'utf8');
      if (ch === '\n') {
        line++;
        column = 1;
      } else column += ch.length;
    }
  }
  return { line, column };
}

const samePath = (a: JsonPath, b: JsonPath) => a.length === b.length && a.every((k, i) => k === b[i]);

interface Frame extends JsonFrame {
  /** undefined: the values inside are checked, not built */
  value: Record<string, unknown> | unknown[] | undefined;
  /** entries past this are checked and dropped */
  keep: number;
  /** the path of this container; undefined when it lies inside a record list (no list of interest there) */
  path: JsonPath | undefined;
  /** this is the list whose entries are emitted */
  emits: boolean;
}

/** Builds values from the grammar's tokens and caps the nesting depth. */
class Assembler implements JsonReader<Frame, 'depth'> {
  root: unknown;
  started = false;
  emitted: JsonEntry[] = [];
  private readonly grammar = new JsonGrammar<Frame, 'depth'>(this);

  constructor(
    private readonly keepOf: (path: JsonPath) => number,
    /** told the entry count of every closed container with a keep limit (a record list) */
    private readonly onList: (path: JsonPath, count: number, cut: boolean) => void,
    private readonly emitAt: JsonPath | undefined,
  ) {}

  get done(): boolean {
    return this.grammar.done;
  }

  /** Returns the problem with this token, if any. */
  token(token: TokenType, value: unknown): 'syntax' | 'depth' | undefined {
    this.started = true;
    return this.grammar.token(token, value);
  }

  check(token: TokenType, _parent: Frame | undefined, depth: number): 'depth' | undefined {
    const opens = token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET;
    return opens && depth >= MAX_JSON_DEPTH ? 'depth' : undefined;
  }

  open(kind: Frame['kind'], parent: Frame | undefined): Frame {
    // paths are followed only as deep as a list of interest lies (the root's members)
    const path =
      parent === undefined
        ? []
        : parent.path !== undefined && parent.path.length < 1 && !parent.emits
          ? [...parent.path, keyIn(parent)]
          : undefined;
    const emits = path !== undefined && this.emitAt !== undefined && samePath(path, this.emitAt);
    // a skeleton read builds all but the dropped entries; a streamed read only the emitted entries
    const built =
      this.emitAt === undefined
        ? parent === undefined || (parent.value !== undefined && parent.count < parent.keep)
        : parent !== undefined && (parent.emits || parent.value !== undefined);
    return {
      kind,
      value: built ? (kind === 'object' ? {} : []) : undefined,
      key: '',
      count: 0,
      keep: path === undefined ? Number.POSITIVE_INFINITY : this.keepOf(path),
      path,
      emits,
    };
  }

  primitive(value: unknown, parent: Frame | undefined): void {
    this.place(value, parent);
  }

  close(frame: Frame, parent: Frame | undefined): void {
    if (frame.path && frame.keep !== Number.POSITIVE_INFINITY) this.onList(frame.path, frame.count, frame.count > frame.keep);
    this.place(frame.value, parent);
  }

  private place(value: unknown, parent: Frame | undefined): void {
    if (parent === undefined) this.root = value;
    else if (parent.emits) this.emitted.push([parent.kind === 'object' ? parent.key : parent.count, value]);
    else if (parent.value !== undefined && parent.count < parent.keep) {
      if (Array.isArray(parent.value)) parent.value.push(value);
      else setOwn(parent.value, parent.key, value);
    }
  }
}

const keyIn = (frame: Frame): string => (frame.kind === 'object' ? frame.key : String(frame.count));

import { isKeybotError } from '../errors.js';
import { badFile } from './bad-file.js';
import { MAX_IMPORT_FILE_BYTES } from './limits.js';
import type { ImportFile } from './types.js';

const SAVE_AS_UTF8 = 'save it as UTF-8 (with or without BOM) and try again';

/** Byte-order marks of encodings we refuse, longest first (UTF-32 LE starts like UTF-16 LE). */
const FOREIGN_BOMS: ReadonlyArray<[number[], string]> = [
  [[0xff, 0xfe, 0x00, 0x00], 'UTF-32 (little-endian)'],
  [[0x00, 0x00, 0xfe, 0xff], 'UTF-32 (big-endian)'],
  [[0xff, 0xfe], 'UTF-16 (little-endian)'],
  [[0xfe, 0xff], 'UTF-16 (big-endian)'],
];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

function checkHead(name: string, head: Buffer): number {
  for (const [bom, encoding] of FOREIGN_BOMS) {
    if (startsWith(head, bom)) throw badFile(name, `is ${encoding} text`, SAVE_AS_UTF8);
  }
  return startsWith(head, UTF8_BOM) ? UTF8_BOM.length : 0;
}

/**
 * Streams a file as UTF-8 text chunks, refusing (BAD_INPUT naming the file) other encodings, binary
 * content (NUL bytes), invalid UTF-8 and files over `maxBytes`. The UTF-8 BOM is dropped.
 */
export async function* decodeText(file: ImportFile, maxBytes = MAX_IMPORT_FILE_BYTES): AsyncGenerator<string> {
  if (file.size !== undefined && file.size > maxBytes) throw tooBig(file.name, maxBytes);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let total = 0;
  let head: Buffer | undefined = Buffer.alloc(0);
  try {
    for await (const chunk of file.open() as AsyncIterable<Buffer | string>) {
      let buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      total += buf.length;
      if (total > maxBytes) throw tooBig(file.name, maxBytes);
      if (head !== undefined) {
        head = Buffer.concat([head, buf]);
        if (head.length < 4) continue;
        buf = head.subarray(checkHead(file.name, head));
        head = undefined;
      }
      yield decodeChunk(file.name, decoder, buf, total - buf.length);
    }
    if (head !== undefined) yield decodeChunk(file.name, decoder, head.subarray(checkHead(file.name, head)), 0);
    yield decodeChunk(file.name, decoder, undefined, total);
  } catch (e) {
    throw asFileError(file.name, e);
  }
}

function decodeChunk(name: string, decoder: InstanceType<typeof TextDecoder>, buf: Buffer | undefined, offset: number): string {
  if (buf !== undefined) {
    const nul = buf.indexOf(0);
    if (nul !== -1) {
      throw badFile(
        name,
        `contains a NUL byte at byte ${offset + nul + 1}, so it is binary or UTF-16/32 without a BOM`,
        'upload the text export itself, saved as UTF-8',
      );
    }
  }
  try {
    return buf === undefined ? decoder.decode() : decoder.decode(buf, { stream: true });
  } catch {
    throw badFile(name, `is not valid UTF-8 (near byte ${offset + 1}; Latin-1 or Windows-1252 perhaps)`, SAVE_AS_UTF8);
  }
}

const tooBig = (name: string, maxBytes: number) =>
  badFile(
    name,
    `is larger than ${(maxBytes / 1024 / 1024).toLocaleString('en-US')} MB`,
    'split the export into smaller files and import them one by one',
  );

function asFileError(name: string, e: unknown): unknown {
  if (isKeybotError(e)) return e;
  const code = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : 'read error';
  return badFile(name, `could not be read (${code})`, 'check the path and permissions');
}

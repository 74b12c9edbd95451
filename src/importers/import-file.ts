import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ImportFile } from './types.js';

/** Where a file's bytes come from, in a form another thread can receive (the import worker reopens it). */
export type FileSource = { name: string; path: string } | { name: string; bytes: Uint8Array };

const sources = new WeakMap<ImportFile, FileSource>();

/** A file on disk; each `open()` is a fresh read stream (CSV is read twice). */
export const fileFromPath = (path: string): ImportFile => namedPathFile(path, basename(path));

function namedPathFile(path: string, name: string): ImportFile {
  let size: number | undefined;
  try {
    size = statSync(path).size;
  } catch {
    // a missing file is reported when it is opened, as BAD_INPUT naming the file
  }
  const file = { name, open: () => createReadStream(path), ...(size === undefined ? {} : { size }) };
  sources.set(file, { name, path });
  return file;
}

/** An uploaded file already in memory (Slack file_input downloads, tests). */
export function fileFromBuffer(name: string, buf: Uint8Array): ImportFile {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const file = { name, size: bytes.length, open: () => Readable.from([bytes]) };
  sources.set(file, { name, bytes });
  return file;
}

/** The source of a file made by fileFromPath or fileFromBuffer; undefined for any other (a test's generated stream). */
export const fileSource = (file: ImportFile): FileSource | undefined => sources.get(file);

export const fileFromSource = (s: FileSource): ImportFile =>
  'path' in s ? namedPathFile(s.path, s.name) : fileFromBuffer(s.name, s.bytes);

import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ImportFile } from './types.js';

/** A file on disk; each `open()` is a fresh read stream (CSV is read twice). */
export function fileFromPath(path: string): ImportFile {
  let size: number | undefined;
  try {
    size = statSync(path).size;
  } catch {
    // a missing file is reported when it is opened, as BAD_INPUT naming the file
  }
  return { name: basename(path), open: () => createReadStream(path), ...(size === undefined ? {} : { size }) };
}

/** An uploaded file already in memory (Slack file_input downloads, tests). */
export function fileFromBuffer(name: string, buf: Buffer): ImportFile {
  return { name, size: buf.length, open: () => Readable.from([buf]) };
}

import { decodeText } from './decode-text.js';
import { MAX_STREAMED_FILE_BYTES } from './limits.js';
import type { ImportFile } from './types.js';

/** The whole file as UTF-8 text (YAML, large auxiliary JSON files; capped at MAX_IMPORT_FILE_BYTES). */
export async function readText(file: ImportFile): Promise<string> {
  const parts: string[] = [];
  for await (const part of decodeText(file)) parts.push(part);
  return parts.join('');
}

/** The first `limit` characters or so, enough to tell JSON from CSV; stops reading early. */
export async function readHead(file: ImportFile, limit = 4096): Promise<string> {
  let head = '';
  // only the head is read, so a large streamed file passes here
  for await (const part of decodeText(file, MAX_STREAMED_FILE_BYTES)) {
    head += part;
    if (head.length >= limit) break;
  }
  return head;
}

import { decodeText } from './decode-text.js';
import type { ImportFile } from './types.js';

/** The whole file as UTF-8 text (JSON/YAML exports; size-capped by decodeText). */
export async function readText(file: ImportFile): Promise<string> {
  const parts: string[] = [];
  for await (const part of decodeText(file)) parts.push(part);
  return parts.join('');
}

/** The first `limit` characters or so, enough to tell JSON from CSV; stops reading early. */
export async function readHead(file: ImportFile, limit = 4096): Promise<string> {
  let head = '';
  for await (const part of decodeText(file)) {
    head += part;
    if (head.length >= limit) break;
  }
  return head;
}

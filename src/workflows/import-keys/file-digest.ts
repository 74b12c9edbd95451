import { createHash } from 'node:crypto';
import type { ImportFile } from '../../importers/index.js';

/** What the history keeps of an import's file: enough to prove later which file was imported. */
export interface FileDigest {
  name: string;
  bytes: number;
  sha256: string;
}

/** Reads the file once more (its `open` may be called again) and returns its size and SHA-256. */
export async function digestOf(file: ImportFile): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of file.open()) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    bytes += b.length;
    hash.update(b);
  }
  return { name: file.name, bytes, sha256: hash.digest('hex') };
}

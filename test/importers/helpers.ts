import { Readable } from 'node:stream';
import {
  defaultImportOptions,
  fileFromBuffer,
  type ImportFile,
  type ImportFormat,
  type ImportOptions,
  type ImportRecord,
  openImport,
} from '../../src/importers/index.js';

export const REFERENCE_TIME = 1767225600; // 2026-01-01T00:00:00Z, as in the shared oracles

export const options = (over: Partial<ImportOptions> = {}): ImportOptions => ({ ...defaultImportOptions(REFERENCE_TIME), ...over });

export const textFile = (name: string, text: string | Buffer): ImportFile =>
  fileFromBuffer(name, Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));

export const jsonFile = (name: string, value: unknown): ImportFile => textFile(name, JSON.stringify(value, null, 2));

/** A file whose content comes from `chunks()` on every open, never held whole. */
export const streamedFile = (name: string, chunks: () => Iterable<Buffer | string> | AsyncIterable<Buffer | string>): ImportFile => ({
  name,
  open: () => Readable.from(chunks()),
});

export async function importAll(format: ImportFormat, files: ImportFile[], opts: Partial<ImportOptions> = {}): Promise<ImportRecord[]> {
  const parsed = await openImport(format, files, options(opts));
  const out: ImportRecord[] = [];
  for await (const r of parsed.records) out.push(r);
  return out;
}

/** The BAD_INPUT user message `promise` rejects with. */
export async function badInputMessage(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    const err = e as { code?: string; userMessage?: string };
    if (err.code !== 'BAD_INPUT' || typeof err.userMessage !== 'string') throw e;
    return err.userMessage;
  }
  throw new Error('expected BAD_INPUT, but the import succeeded');
}

export const summary = (records: ImportRecord[]) =>
  records.map((r) => (r.result === 'ok' ? 'ok' : r.result === 'skipped' ? `skipped:${r.reason}` : `error:${r.error}`));

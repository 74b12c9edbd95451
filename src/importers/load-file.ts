import { badFile } from './bad-file.js';
import { readCsvHeader } from './csv-table.js';
import { type ParsedDocument, parseJson, parseJsonOrYaml } from './parse-document.js';
import { readHead, readText } from './read-text.js';
import type { ImportFile, ImportFormat } from './types.js';

export type LoadedFile = { kind: 'document'; file: ImportFile; doc: ParsedDocument } | { kind: 'csv'; file: ImportFile; header: string[] };

/**
 * Reads a file the way its format needs: JSON (tyk, apigee, azure), JSON or YAML (kong), CSV (csv),
 * and for aws JSON or the import CSV, told apart by the first character. CSV is only opened for its
 * header here; its rows are streamed later.
 */
export async function loadFile(format: ImportFormat, file: ImportFile): Promise<LoadedFile> {
  const csv = format === 'csv' || (format === 'aws' && !/^\s*[[{]/.test(await readHead(file)));
  if (csv) {
    const header = await readCsvHeader(file);
    if (header === undefined) throw empty(file.name);
    return { kind: 'csv', file, header };
  }
  const text = await readText(file);
  if (text.trim() === '') throw empty(file.name);
  return { kind: 'document', file, doc: format === 'kong' ? parseJsonOrYaml(file.name, text) : parseJson(file.name, text) };
}

const empty = (name: string) => badFile(name, 'is empty', 'upload the export file itself');

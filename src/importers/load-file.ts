import { badFile } from './bad-file.js';
import { readCsvHeader } from './csv-table.js';
import type { JsonPath } from './json-stream.js';
import { type ParsedDocument, parseYaml, readJson } from './parse-document.js';
import { readHead, readText } from './read-text.js';
import type { ImportFile, ImportFormat } from './types.js';

export type LoadedFile = { kind: 'document'; file: ImportFile; doc: ParsedDocument } | { kind: 'csv'; file: ImportFile; header: string[] };

/** Where each format's JSON keeps its records: these lists are streamed, everything else is read whole. */
const RECORD_LISTS: Record<ImportFormat, JsonPath[]> = {
  // {"keys": [...]} or the {"<key>": session} map itself
  tyk: [['keys'], []],
  kong: [['consumers']],
  aws: [['items'], ['item']],
  // apigeecli's bare list, or the Management API's {"app": [...]}
  apigee: [[], ['app']],
  azure: [['value']],
  csv: [],
};

const looksLikeJson = (head: string) => /^\s*[[{]/.test(head);

/**
 * Reads a file the way its format needs: JSON (tyk, apigee, azure), JSON or YAML (kong), CSV (csv),
 * and for aws JSON or the import CSV, told apart by the first character. CSV is only opened for its
 * header and JSON for all but its record list here; both are streamed later.
 */
export async function loadFile(format: ImportFormat, file: ImportFile): Promise<LoadedFile> {
  const head = format === 'csv' ? '' : await readHead(file);
  if (format === 'csv' || (format === 'aws' && !looksLikeJson(head))) {
    const header = await readCsvHeader(file);
    if (header === undefined) throw empty(file.name);
    return { kind: 'csv', file, header };
  }
  if (format === 'kong' && head.trim() !== '' && !looksLikeJson(head)) {
    const text = await readText(file);
    return { kind: 'document', file, doc: parseYaml(file.name, text) };
  }
  return { kind: 'document', file, doc: await readJson(file, RECORD_LISTS[format]) };
}

/** A file's whole document: an auxiliary file (usage plans, products) is read again in full if its lists were cut. */
export async function wholeDocument(loaded: LoadedFile & { kind: 'document' }): Promise<ParsedDocument> {
  return loaded.doc.complete ? loaded.doc : readJson(loaded.file, []);
}

const empty = (name: string) => badFile(name, 'is empty', 'upload the export file itself');

import { badFile } from './bad-file.js';
import { csvRecords } from './csv-records.js';
import type { ImportFile } from './types.js';

export interface CsvRow {
  /** 0-based data record (docs/import-mapping.md refs count data records, blank lines excluded) */
  index: number;
  line: number;
  cells: string[];
}

/** The header cells as written; undefined for an empty file. */
export async function readCsvHeader(file: ImportFile): Promise<string[] | undefined> {
  for await (const record of csvRecords(file)) return record.cells;
  return undefined;
}

/** Header names are case-insensitive and trimmed, columns in any order (docs/import-mapping.md §2.4, §6). */
export const columnName = (cell: string): string => cell.trim().toLowerCase();

/** Column positions by header name; a name given twice is ambiguous, so the file is refused. */
export function columnIndex(fileName: string, header: string[]): Map<string, number> {
  const columns = new Map<string, number>();
  for (const [i, cell] of header.entries()) {
    const name = columnName(cell);
    if (name === '') continue;
    if (columns.has(name)) throw badFile(fileName, `has the column "${name}" twice`, 'keep one of them');
    columns.set(name, i);
  }
  return columns;
}

/** Data rows after the header, streamed. */
export async function* csvRows(file: ImportFile, options: { singleQuotes?: boolean } = {}): AsyncGenerator<CsvRow> {
  let index = -1;
  for await (const record of csvRecords(file, options)) {
    if (index >= 0) yield { index, line: record.line, cells: record.cells };
    index++;
  }
}

export const cellOf = (row: CsvRow, columns: ReadonlyMap<string, number>, name: string): string => {
  const i = columns.get(name);
  return i === undefined ? '' : (row.cells[i] ?? '');
};

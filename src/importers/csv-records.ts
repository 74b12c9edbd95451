import { badFile } from './bad-file.js';
import { type CsvRecord, CsvSyntaxError, CsvTokenizer } from './csv-tokenizer.js';
import { decodeText } from './decode-text.js';
import { MAX_CSV_RECORD_LENGTH, MAX_STREAMED_FILE_BYTES } from './limits.js';
import type { ImportFile } from './types.js';

/** Streams a CSV file record by record (header included); syntax problems become BAD_INPUT naming file and line. */
export async function* csvRecords(file: ImportFile, options: { singleQuotes?: boolean } = {}): AsyncGenerator<CsvRecord> {
  const tokenizer = new CsvTokenizer({ ...options, maxRecordLength: MAX_CSV_RECORD_LENGTH });
  try {
    for await (const text of decodeText(file, MAX_STREAMED_FILE_BYTES)) yield* tokenizer.push(text);
    yield* tokenizer.end();
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw syntaxProblem(file.name, e);
    throw e;
  }
}

function syntaxProblem(name: string, e: CsvSyntaxError) {
  switch (e.problem) {
    case 'unclosed_quote':
      return badFile(
        name,
        `has a quote opened on line ${e.line} that is never closed`,
        'close the quote (write "" for a quote inside a quoted cell)',
      );
    case 'text_after_quote':
      return badFile(name, `has text after a closing quote on line ${e.line}`, 'quote the whole cell, and write "" for a quote inside it');
    case 'record_too_long':
      return badFile(
        name,
        `has a line longer than ${MAX_CSV_RECORD_LENGTH / 1024 / 1024} MB starting at line ${e.line}`,
        'check for a quote that is never closed, or split the cell',
      );
  }
}

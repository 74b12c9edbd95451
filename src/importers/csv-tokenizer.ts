/**
 * RFC 4180 tokenizer fed text chunks (streaming: it never holds more than one record). Quoted fields
 * may hold commas, newlines and `""`; CRLF, LF and lone CR end records; empty lines are dropped.
 * With `singleQuotes` (the AWS import-api-keys CSV), a field that starts with `'` runs to the next `'`,
 * as the API Gateway guide allows for `'plan1,plan2'` (docs/import-mapping.md §2.4).
 */
export interface CsvRecord {
  cells: string[];
  /** 1-based line where the record starts */
  line: number;
}

export type CsvProblem = 'unclosed_quote' | 'text_after_quote' | 'record_too_long';

export class CsvSyntaxError extends Error {
  constructor(
    readonly problem: CsvProblem,
    readonly line: number,
  ) {
    super(`${problem} at line ${line}`);
  }
}

type State = 'field_start' | 'unquoted' | 'quoted' | 'quote_in_quoted' | 'after_cr';

export class CsvTokenizer {
  #state: State = 'field_start';
  #cells: string[] = [];
  #field = '';
  #quote = '"';
  #quoted = false;
  #started = false;
  #length = 0;
  #line = 1;
  #recordLine = 1;
  #quoteLine = 1;

  constructor(private readonly options: { singleQuotes?: boolean; maxRecordLength: number }) {}

  // long: the tokenizer's hot loop: one state machine, kept in one function for speed
  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    while (i < text.length) {
      switch (this.#state) {
        case 'after_cr':
          if (text[i] === '\n') i++; // CRLF is one line break
          this.#state = 'field_start';
          break;
        case 'field_start': {
          const c = text[i];
          this.#started = true;
          if (c === '"' || (c === "'" && this.options.singleQuotes)) {
            this.#quote = c;
            this.#quoted = true;
            this.#quoteLine = this.#line;
            this.#state = 'quoted';
            i++;
          } else {
            this.#state = 'unquoted';
          }
          break;
        }
        case 'unquoted': {
          let j = i;
          for (; j < text.length; j++) {
            const c = text.charCodeAt(j);
            if (c === 0x2c || c === 0x0a || c === 0x0d) break;
          }
          this.#append(text.slice(i, j));
          i = j;
          if (i < text.length) i = this.#delimiter(text, i, out);
          break;
        }
        case 'quoted': {
          const j = text.indexOf(this.#quote, i);
          const end = j === -1 ? text.length : j;
          for (let nl = text.indexOf('\n', i); nl !== -1 && nl < end; nl = text.indexOf('\n', nl + 1)) this.#line++;
          this.#append(text.slice(i, end));
          i = end;
          if (j !== -1) {
            i++;
            this.#state = 'quote_in_quoted';
          }
          break;
        }
        case 'quote_in_quoted': {
          const c = text[i];
          if (c === '"' && this.#quote === '"') {
            this.#append('"'); // "" inside a quoted field is one quote
            this.#state = 'quoted';
            i++;
          } else if (c === ',' || c === '\n' || c === '\r') {
            i = this.#delimiter(text, i, out);
          } else {
            throw new CsvSyntaxError('text_after_quote', this.#line);
          }
          break;
        }
      }
    }
    return out;
  }

  /** Call once the input is exhausted: yields a last record without a trailing newline. */
  end(): CsvRecord[] {
    if (this.#state === 'quoted') throw new CsvSyntaxError('unclosed_quote', this.#quoteLine);
    if (!this.#started) return [];
    const out: CsvRecord[] = [];
    this.#endRecord(out);
    return out;
  }

  #append(part: string): void {
    this.#field += part;
    this.#length += part.length;
    if (this.#length > this.options.maxRecordLength) throw new CsvSyntaxError('record_too_long', this.#recordLine);
  }

  /** text[i] is `,`, CR or LF; returns the index after it. */
  #delimiter(text: string, i: number, out: CsvRecord[]): number {
    const c = text[i];
    if (c === ',') {
      this.#cells.push(this.#field);
      this.#field = '';
      this.#length++;
      this.#state = 'field_start';
      return i + 1;
    }
    this.#endRecord(out);
    this.#line++;
    this.#recordLine = this.#line;
    this.#state = c === '\r' ? 'after_cr' : 'field_start';
    return i + 1;
  }

  #endRecord(out: CsvRecord[]): void {
    this.#cells.push(this.#field);
    const blank = this.#cells.length === 1 && !this.#quoted && this.#field.trim() === '';
    if (!blank) out.push({ cells: this.#cells, line: this.#recordLine });
    this.#cells = [];
    this.#field = '';
    this.#quoted = false;
    this.#started = false;
    this.#length = 0;
  }
}

import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../src/importers/csv-records.js';
import { type CsvRecord, CsvTokenizer } from '../../src/importers/csv-tokenizer.js';
import { badInputMessage, streamedFile, textFile } from './helpers.js';

/** Feeds `text` in pieces of `size` characters, so every state crosses a chunk boundary somewhere. */
function tokenize(text: string, size = text.length, singleQuotes = false): CsvRecord[] {
  const t = new CsvTokenizer({ singleQuotes, maxRecordLength: 1024 });
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...t.push(text.slice(i, i + size)));
  out.push(...t.end());
  return out;
}

const cells = (records: CsvRecord[]) => records.map((r) => r.cells);

describe('CSV tokenizer', () => {
  it('keeps commas and newlines that are inside double quotes', () => {
    const text = 'key,alias\nk1,"Smith, Jones\nand Co"\nk2,plain\n';
    for (const size of [1, 2, 3, 7, text.length]) {
      expect(cells(tokenize(text, size))).toEqual([
        ['key', 'alias'],
        ['k1', 'Smith, Jones\nand Co'],
        ['k2', 'plain'],
      ]);
    }
  });

  it('reads "" inside a quoted cell as one quote', () => {
    for (const size of [1, 4, 100]) expect(cells(tokenize('"say ""hi""",x\n', size))).toEqual([['say "hi"', 'x']]);
  });

  it('treats CRLF, LF and a missing final newline alike', () => {
    for (const size of [1, 5, 100]) {
      expect(cells(tokenize('a,b\r\nc,d\r\ne,f', size))).toEqual([
        ['a', 'b'],
        ['c', 'd'],
        ['e', 'f'],
      ]);
      expect(cells(tokenize('a,b\nc,d\n', size))).toEqual([
        ['a', 'b'],
        ['c', 'd'],
      ]);
    }
  });

  it('ignores blank lines and counts them in line numbers', () => {
    const records = tokenize('h\n\nk1\r\n\r\n   \nk2\n\n');
    expect(cells(records)).toEqual([['h'], ['k1'], ['k2']]);
    expect(records.map((r) => r.line)).toEqual([1, 3, 6]);
  });

  it('keeps an empty quoted cell and a row of empty cells as records', () => {
    expect(cells(tokenize('""\n,,\n'))).toEqual([[''], ['', '', '']]);
  });

  it('gives the starting line of a record whose quoted cell spans lines', () => {
    expect(tokenize('h\n"a\nb",c\nd\n').map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('reads an AWS single-quoted cell up to the next single quote only when asked', () => {
    const text = "Name,key,UsagePlanIds\nn,k,'c7y23b,glvrsr'\nO'Brien,k2,x\n";
    expect(cells(tokenize(text, 3, true))).toEqual([
      ['Name', 'key', 'UsagePlanIds'],
      ['n', 'k', 'c7y23b,glvrsr'],
      ["O'Brien", 'k2', 'x'],
    ]);
    expect(cells(tokenize("'a,b'\n", 100, false))).toEqual([["'a", "b'"]]);
  });

  it('keeps a stray quote inside an unquoted cell as text', () => {
    expect(cells(tokenize('5" disk,x\n'))).toEqual([['5" disk', 'x']]);
  });

  it('refuses text after a closing quote and a quote that is never closed, naming the line', () => {
    expect(() => tokenize('h\n"a"b,c\n')).toThrow(expect.objectContaining({ problem: 'text_after_quote', line: 2 }));
    expect(() => tokenize('h\nx\n"open,\nmore\n')).toThrow(expect.objectContaining({ problem: 'unclosed_quote', line: 3 }));
  });

  it('refuses a record longer than the limit before holding more of it', () => {
    const t = new CsvTokenizer({ maxRecordLength: 10 });
    expect(() => t.push(`h\n${'x'.repeat(11)}`)).toThrow(expect.objectContaining({ problem: 'record_too_long', line: 2 }));
  });
});

describe('CSV records from a file', () => {
  it('drops a UTF-8 BOM, even when it is split across chunks', async () => {
    const bytes = Buffer.from('\uFEFFkey,alias\nk1,a\n', 'utf8');
    const file = streamedFile('bom.csv', () => [bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)]);
    const out: string[][] = [];
    for await (const r of csvRecords(file)) out.push(r.cells);
    expect(out).toEqual([
      ['key', 'alias'],
      ['k1', 'a'],
    ]);
  });

  it('decodes multi-byte characters split across chunks', async () => {
    const bytes = Buffer.from('key,alias\nk1,Łódź 東京\n', 'utf8');
    const file = streamedFile('split.csv', () => [...bytes].map((b) => Buffer.from([b])));
    const out: string[][] = [];
    for await (const r of csvRecords(file)) out.push(r.cells);
    expect(out[1]).toEqual(['k1', 'Łódź 東京']);
  });

  it('turns a syntax problem into BAD_INPUT naming the file and line', async () => {
    const message = await badInputMessage(
      (async () => {
        for await (const _ of csvRecords(textFile('keys.csv', 'key\n"abc\n'))) void _;
      })(),
    );
    expect(message).toContain('"keys.csv"');
    expect(message).toContain('line 2');
  });
});

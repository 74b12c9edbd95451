import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_FILE_BYTES, MAX_JSON_DEPTH, MAX_STREAMED_FILE_BYTES, MAX_YAML_BYTES, openImport } from '../../src/importers/index.js';
import { badInputMessage, importAll, jsonFile, options, streamedFile, textFile } from './helpers.js';

const KEY = 'Sup3rSecretKeyValue42';
const session = { rate: 1, per: 1, access_rights: { a: { api_id: 'a', api_name: 'a', versions: ['Default'] } } };

describe('file-level problems are BAD_INPUT naming the file and the fix', () => {
  it('refuses a binary file', async () => {
    const message = await badInputMessage(importAll('tyk', [textFile('keys.bin', Buffer.from([0x7b, 0x00, 0x01, 0x02]))]));
    expect(message).toMatch(/"keys\.bin" contains a NUL byte.*binary/);
  });

  it('names UTF-16 and UTF-32 by their byte-order marks', async () => {
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('key\nabcd\n', 'utf16le')]);
    expect(await badInputMessage(importAll('csv', [textFile('keys.csv', utf16le)]))).toContain(
      '"keys.csv" is UTF-16 (little-endian) text; save it as UTF-8',
    );
    const utf16be = Buffer.from([0xfe, 0xff, 0x00, 0x6b]);
    expect(await badInputMessage(importAll('csv', [textFile('be.csv', utf16be)]))).toContain('UTF-16 (big-endian)');
    const utf32 = Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x6b, 0x00, 0x00, 0x00]);
    expect(await badInputMessage(importAll('tyk', [textFile('k.json', utf32)]))).toContain('UTF-32 (little-endian)');
  });

  it('refuses text that is not UTF-8', async () => {
    const latin1 = Buffer.from('key,alias\nabcdef,Caf\xe9\n', 'latin1');
    expect(await badInputMessage(importAll('csv', [textFile('latin.csv', latin1)]))).toMatch(
      /"latin\.csv" is not valid UTF-8.*save it as UTF-8/,
    );
  });

  it('gives the line and column of invalid JSON without quoting the file', async () => {
    const text = `{"keys": [\n  {"key_id": "${KEY}", "data": {"rate": 1,, "per": 1}}\n]}`;
    const message = await badInputMessage(importAll('tyk', [textFile('tyk.json', text)]));
    expect(message).toContain('"tyk.json" is not valid JSON at line 2, column 58');
    expect(message).not.toContain(KEY);
  });

  it('says when JSON ends early', async () => {
    expect(await badInputMessage(importAll('tyk', [textFile('cut.json', `{"keys": [{"key_id": "${KEY}"`)]))).toContain(
      '"cut.json" ends before the JSON is complete',
    );
  });

  it('gives the line and column of invalid YAML without quoting the file', async () => {
    const text = `consumers:\n- username: a\n  keyauth_credentials:\n  - key: ${KEY}\n   bad: [\n`;
    const message = await badInputMessage(importAll('kong', [textFile('kong.yaml', text)]));
    expect(message).toMatch(/"kong\.yaml" is not valid YAML at line \d+, column \d+/);
    expect(message).not.toContain(KEY);
  });

  it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels before parsing it`, async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(await badInputMessage(importAll('tyk', [textFile('deep.json', deep)]))).toContain(
      `"deep.json" nests deeper than ${MAX_JSON_DEPTH} levels`,
    );
    const justFits = {
      keys: [
        {
          key_id: KEY,
          data: { ...session, meta_data: JSON.parse(`${'{"a":'.repeat(MAX_JSON_DEPTH - 4)}1${'}'.repeat(MAX_JSON_DEPTH - 4)}`) },
        },
      ],
    };
    expect(await importAll('tyk', [jsonFile('ok.json', justFits)])).toHaveLength(1);
  });

  it('refuses deeply nested YAML', async () => {
    const deep = `a: ${'['.repeat(200)}${']'.repeat(200)}\n`;
    expect(await badInputMessage(importAll('kong', [textFile('deep.yaml', deep)]))).toContain('nests deeper than');
  });

  it('refuses a YAML dump larger than the YAML cap with the command that converts it to JSON', async () => {
    const consumer = (i: number) => `- username: user-${i}\n  keyauth_credentials:\n  - key: key-${i}-abcdefghijklmnop\n`;
    const lines: string[] = ['_format_version: "3.0"\nconsumers:\n'];
    for (let size = 0, i = 0; size <= MAX_YAML_BYTES; i++) {
      lines.push(consumer(i));
      size += consumer(i).length;
    }
    const message = await badInputMessage(importAll('kong', [textFile('kong.yaml', lines.join(''))]));
    expect(message).toContain('"kong.yaml" is 2.0 MB of YAML, more than the 2.0 MB the bot reads as YAML');
    expect(message).toContain('deck gateway dump --format json');
  });

  it('refuses a file over the size cap, declared or discovered while reading', async () => {
    // JSON and CSV are streamed, so their cap is far above what is read whole
    const declared = { ...textFile('big.json', '{}'), size: MAX_STREAMED_FILE_BYTES + 1 };
    expect(await badInputMessage(importAll('tyk', [declared]))).toContain('"big.json" is larger than 2,048 MB');
    const chunk = Buffer.from(`${'x'.repeat(512 * 1024 - 1)}\n`);
    const streamed = streamedFile('big.yaml', function* () {
      yield 'consumers:\n';
      for (let i = 0; i <= MAX_IMPORT_FILE_BYTES / chunk.length; i++) yield chunk;
    });
    expect(await badInputMessage(importAll('kong', [streamed]))).toContain('"big.yaml" is larger than 50 MB');
  });

  it('refuses a CSV line longer than 1 MB, naming its line', async () => {
    const file = streamedFile('long.csv', function* () {
      yield 'key,alias\nabcd,ok\nefgh,';
      for (let i = 0; i < 3; i++) yield 'x'.repeat(512 * 1024);
      yield '\n';
    });
    expect(await badInputMessage(importAll('csv', [file]))).toContain('"long.csv" has a line longer than 1 MB starting at line 3');
  });

  it('refuses more candidate keys than IMPORT_MAX_KEYS, naming the limit', async () => {
    const csv = textFile('keys.csv', 'key,api_ids\nkey-0001,a\nkey-0002,a\nkey-0003,a\n');
    expect(await badInputMessage(importAll('csv', [csv], { maxKeys: 2 }))).toContain(
      '"keys.csv" holds more than 2 keys, the most one import takes (IMPORT_MAX_KEYS)',
    );
    expect(await importAll('csv', [csv], { maxKeys: 3 })).toHaveLength(3);
    const tyk = jsonFile('tyk.json', { keys: [1, 2, 3].map((n) => ({ key_id: `key-000${n}`, data: session })) });
    expect(await badInputMessage(importAll('tyk', [tyk], { maxKeys: 2 }))).toContain('IMPORT_MAX_KEYS');
  });

  it('refuses a file it cannot place, and lists what the format expects', async () => {
    const plans = jsonFile('plans.json', { items: [{ id: 'p1', apiStages: [] }] });
    const stray = jsonFile('notes.json', { hello: 'world' });
    const message = await badInputMessage(importAll('aws', [plans, stray]));
    expect(message).toContain('"notes.json" is not a file the aws import understands');
    expect(message).toContain('get-api-keys --include-values');
  });

  it('names the file a format still needs', async () => {
    const apps = jsonFile('apps.json', [{ name: 'a', credentials: [] }]);
    expect(await badInputMessage(importAll('apigee', [apps]))).toContain(
      'The apigee import also needs the `apigeecli products export` output',
    );
    const plans = jsonFile('plans.json', { items: [{ id: 'p1', apiStages: [] }] });
    expect(await badInputMessage(importAll('aws', [plans]))).toMatch(/get-api-keys.*; or an `import-api-keys` CSV/);
  });

  it('refuses two files in the same role', async () => {
    const a = jsonFile('a.json', { keys: [] });
    const b = jsonFile('b.json', { keys: [] });
    expect(await badInputMessage(importAll('tyk', [a, b]))).toContain('"a.json" and "b.json" both look like');
  });

  it('refuses an empty file, no files, and a millisecond export time', async () => {
    expect(await badInputMessage(importAll('csv', [textFile('empty.csv', '')]))).toContain('"empty.csv" is empty');
    expect(await badInputMessage(importAll('tyk', [textFile('blank.json', '  \n')]))).toContain('"blank.json" is empty');
    expect(await badInputMessage(openImport('csv', [], options()))).toContain('No file to import');
    expect(await badInputMessage(importAll('csv', [textFile('k.csv', 'key\nabcd\n')], { referenceTime: Date.now() }))).toContain(
      'unix seconds',
    );
  });

  it('points a Gateway key-id list and a lone plan-keys output to the right export', async () => {
    expect(await badInputMessage(importAll('tyk', [jsonFile('ids.json', { keys: ['abc', 'def'] })]))).toContain(
      'lists key ids without their sessions',
    );
    const lone = jsonFile('pk.json', { items: [{ id: 'k', type: 'API_KEY', value: KEY }] });
    const message = await badInputMessage(importAll('aws', [lone]));
    expect(message).toContain('does not name its plan');
    expect(message).not.toContain(KEY);
  });

  it('refuses a generic CSV without a key column and one with a column twice', async () => {
    expect(await badInputMessage(importAll('csv', [textFile('k.csv', 'alias,api_ids\na,b\n')]))).toContain(
      '"k.csv" is not a file the csv import understands',
    );
    expect(await badInputMessage(importAll('csv', [textFile('k.csv', 'key,Alias,alias\nabcd,a,b\n')]))).toContain(
      'has the column "alias" twice',
    );
  });

  it('suggests the aws format for an AWS import CSV given as generic CSV', async () => {
    expect(await badInputMessage(importAll('csv', [textFile('aws.csv', 'Name,Key,UsagePlanIds\nn,abcd,p\n')]))).toContain(
      'choose the aws format',
    );
  });
});

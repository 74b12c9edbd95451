import { describe, expect, it } from 'vitest';
import { openImport } from '../../src/importers/index.js';
import { badInputMessage, importAll, jsonFile, options, streamedFile, textFile } from './helpers.js';

const ROWS = 100_000;

/** 100,000 rows produced on the fly, 1,000 per chunk: the file never exists whole. */
function* generatedRows(header: string, row: (i: number) => string): Generator<string> {
  yield `${header}\n`;
  for (let start = 0; start < ROWS; start += 1000) {
    const lines: string[] = [];
    for (let i = start; i < start + 1000; i++) lines.push(row(i));
    yield `${lines.join('\n')}\n`;
  }
}

// ~250 bytes a row, 25 MB in all: holding the text or the records whole would show in the heap
const PADDING = 'p'.repeat(200);

const heapMb = () => process.memoryUsage().heapUsed / 1024 / 1024;

describe('streamed CSV', () => {
  it('imports 100,000 generic CSV rows in bounded memory and reasonable time', async () => {
    const file = streamedFile('big.csv', () =>
      generatedRows(
        'key,alias,api_ids,rate,per,quota_max,quota_period,tags,meta.customer_id',
        (i) => `key-${i.toString(36).padStart(8, '0')}-x,"Customer ${i}, Inc ${PADDING}",orders;billing,10,1,1000,day,a;b,C-${i}`,
      ),
    );
    const before = heapMb();
    let peak = before;
    const started = Date.now();
    const parsed = await openImport('csv', [file], options());
    let ok = 0;
    let inOrder = 0;
    let n = 0;
    for await (const r of parsed.records) {
      if (r.index === n && r.ref === `row ${n + 1}`) inOrder++;
      if (r.result === 'ok') ok++;
      if (++n % 5000 === 0) peak = Math.max(peak, heapMb());
    }
    expect(n).toBe(ROWS);
    expect(inOrder).toBe(ROWS);
    expect(ok).toBe(ROWS);
    expect(peak - before).toBeLessThan(100);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('marks superseded rows of a 100,000-row AWS import CSV without holding the rows', async () => {
    // every 10th key is repeated 5 rows later, so the earlier row is superseded
    const keyOf = (i: number) => `aws-key-${(i % 10 === 5 ? i - 5 : i).toString().padStart(8, '0')}-padding-to-twenty`;
    const file = streamedFile('aws.csv', () => generatedRows('Name,Key,UsagePlanIds', (i) => `n${i},${keyOf(i)},p1`));
    const plans = streamedFile('plans.json', () => [JSON.stringify({ items: [{ id: 'p1', apiStages: [{ apiId: 'a', stage: 's' }] }] })]);
    const before = heapMb();
    let peak = before;
    const counts = { ok: 0, superseded: 0, other: 0 };
    const parsed = await openImport('aws', [file, plans], options());
    let n = 0;
    for await (const r of parsed.records) {
      if (r.result === 'ok') counts.ok++;
      else if (r.result === 'skipped' && r.reason === 'superseded') counts.superseded++;
      else counts.other++;
      if (++n % 5000 === 0) peak = Math.max(peak, heapMb());
    }
    expect(counts).toEqual({ ok: ROWS - ROWS / 10, superseded: ROWS / 10, other: 0 });
    expect(peak - before).toBeLessThan(100);
  });
});

/** The heap's high-water mark, sampled as the file is read and as records come out. */
let peak = 0;
const sample = () => {
  peak = Math.max(peak, heapMb());
};

/** A JSON export produced on the fly, 1,000 entries per chunk: `open` and `close` wrap the entries. */
function* generatedJson(open: string, entry: (i: number) => string, close: string): Generator<string> {
  yield open;
  for (let start = 0; start < ROWS; start += 1000) {
    sample();
    const parts: string[] = [];
    for (let i = start; i < start + 1000; i++) parts.push(entry(i));
    yield `${start === 0 ? '' : ','}${parts.join(',')}`;
  }
  yield close;
}

const sessionJson = (i: number) =>
  JSON.stringify({
    alias: `Customer ${i} ${PADDING}`,
    rate: 10,
    per: 1,
    quota_max: 1000,
    quota_renewal_rate: 3600,
    expires: 0,
    access_rights: { orders: { api_id: 'orders', api_name: 'Orders', versions: ['Default'] } },
    meta_data: { customer: `C-${i}` },
    tags: ['a'],
  });
const tykKey = (i: number) => `tyk-key-${i.toString(36).padStart(8, '0')}-padding`;

describe('streamed JSON', () => {
  // ~400 bytes an entry, 40 MB in all: reading the text whole, or building every session at once, shows in the heap
  it.each([
    [
      'the Dashboard keys list',
      () => generatedJson('{"keys": [', (i) => `{"key_id":"${tykKey(i)}","data":${sessionJson(i)}}`, '], "pages": 1}'),
    ],
    ['a {"<key>": session} map', () => generatedJson('{', (i) => `"${tykKey(i)}":${sessionJson(i)}`, '}')],
  ])('imports 100,000 Tyk sessions from %s in bounded memory, in file order', async (_shape, chunks) => {
    const file = streamedFile('tyk.json', chunks);
    const before = heapMb();
    peak = before;
    const parsed = await openImport('tyk', [file], options());
    let ok = 0;
    let n = 0;
    for await (const r of parsed.records) {
      if (r.result === 'ok' && r.index === n && r.session.meta_data.customer === `C-${n}`) ok++;
      if (++n % 5000 === 0) sample();
    }
    expect(n).toBe(ROWS);
    expect(ok).toBe(ROWS);
    expect(peak - before).toBeLessThan(100);
  });

  it('refuses more sessions than IMPORT_MAX_KEYS before the first record', async () => {
    const file = streamedFile('tyk.json', () =>
      generatedJson('{"keys": [', (i) => `{"key_id":"${tykKey(i)}","data":${sessionJson(i)}}`, ']}'),
    );
    await expect(openImport('tyk', [file], options({ maxKeys: ROWS - 1 }))).rejects.toThrow(/more than 99,999 keys/);
  });
});

describe('each format streams its record list past the entries read first', () => {
  const N = 2500; // more than the 1,000 entries the first read keeps
  const list = (entry: (i: number) => unknown) => Array.from({ length: N }, (_, i) => entry(i));
  const keyOf = (format: string, i: number) => `${format}-key-${i.toString().padStart(6, '0')}-padding`;

  it.each([
    [
      'kong',
      () => [
        jsonFile('kong.json', {
          _format_version: '3.0',
          consumers: list((i) => ({ username: `u${i}`, keyauth_credentials: [{ key: keyOf('kong', i) }] })),
          services: [],
        }),
      ],
      (i: number) => `consumer u${i} credential 1`,
    ],
    [
      'aws',
      () => [
        jsonFile('keys.json', { items: list((i) => ({ id: `id${i}`, value: keyOf('aws', i), name: `n${i}`, enabled: true })) }),
        jsonFile('plans.json', { items: [{ id: 'p1', apiStages: [{ apiId: 'a', stage: 's' }] }] }),
        jsonFile('plan-keys.json', { p1: { items: [{ id: 'id0', type: 'API_KEY' }] } }),
      ],
      (i: number) => `api key id${i}`,
    ],
    [
      'apigee',
      () => [
        jsonFile(
          'apps.json',
          list((i) => ({ name: `app${i}`, appId: `a${i}`, credentials: [{ consumerKey: keyOf('apigee', i) }] })),
        ),
        jsonFile('products.json', [{ name: 'p', proxies: [] }]),
      ],
      (i: number) => `app app${i} credential 1`,
    ],
    [
      'azure',
      () => [
        jsonFile('subs.json', {
          value: list((i) => ({ name: `s${i}`, properties: { scope: '/apis/echo', primaryKey: keyOf('azure', i) } })),
        }),
        jsonFile('bundle.json', { products: [], apis: [] }),
      ],
      (i: number) => `subscription s${i} primary`,
    ],
  ] as const)('%s: every entry, in file order', async (format, files, ref) => {
    const records = await importAll(format, files());
    expect(records).toHaveLength(N);
    // in order, each with its own key value read (the mapping itself is the fixtures' business)
    expect(records.filter((r, i) => r.index === i && r.ref === ref(i) && r.key !== undefined)).toHaveLength(N);
    expect(new Set(records.map((r) => r.key?.fingerprint)).size).toBe(N);
  });

  it('refuses a malformed entry past the first ones before any record comes out', async () => {
    const consumers: unknown[] = list((i) => ({ username: `u${i}`, keyauth_credentials: [{ key: keyOf('kong', i) }] }));
    consumers[2000] = 'not a consumer';
    const message = await badInputMessage(openImport('kong', [jsonFile('kong.json', { consumers })], options()));
    expect(message).toContain('"kong.json" has consumers that is not a list of objects');
  });

  it('gives the line and column of invalid JSON past the first entries', async () => {
    const lines = list((i) => `{"key_id": "${keyOf('tyk', i)}", "data": {"rate": 1}}`);
    lines[2000] = `{"key_id": "${keyOf('tyk', 2000)}", "data": {"rate": 1,}}`;
    const message = await badInputMessage(openImport('tyk', [textFile('tyk.json', `{"keys": [\n${lines.join(',\n')}\n]}`)], options()));
    expect(message).toContain(`"tyk.json" is not valid JSON at line 2002, column ${(lines[2000] as string).indexOf(',}') + 2}`);
    expect(message).not.toContain(keyOf('tyk', 2000));
  });
});

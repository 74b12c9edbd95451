import { describe, expect, it } from 'vitest';
import { openImport } from '../../src/importers/index.js';
import { options, streamedFile } from './helpers.js';

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

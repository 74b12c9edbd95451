import { describe, expect, it } from 'vitest';
import { parseExpires, parseQuota, parseRatePer } from '../../src/importers/generic-csv-fields.js';
import { importAll, summary, textFile } from './helpers.js';

describe('generic CSV fields', () => {
  it('reads expires as unix seconds, a UTC date or an ISO date-time with an offset', () => {
    expect(parseExpires('1798761600')).toBe(1798761600);
    expect(parseExpires('2027-01-01')).toBe(1798761600);
    expect(parseExpires('2027-01-01T00:00:00Z')).toBe(1798761600);
    expect(parseExpires('2027-01-01T02:00:00+02:00')).toBe(1798761600);
    expect(parseExpires('2026-12-31T19:00-05:00')).toBe(1798761600);
    expect(parseExpires('2027-01-01T00:00:00.250Z')).toBe(1798761600);
    for (const never of ['', '0', '-1']) expect(parseExpires(never)).toBe(0);
  });

  it('refuses millisecond, offset-less, impossible and free-text expiry dates', () => {
    for (const bad of ['1798761600000', '2027-01-01T00:00:00', '2025-02-30', '2025-13-01', '2027-01-01T24:00:00Z', 'next year', '-5']) {
      expect(() => parseExpires(bad), bad).toThrow(expect.objectContaining({ code: 'invalid_field' }));
    }
  });

  it('needs rate and per together, positive, or both -1', () => {
    expect(parseRatePer('', '')).toEqual({ rate: -1, per: -1 });
    expect(parseRatePer('-1', '-1')).toEqual({ rate: -1, per: -1 });
    expect(parseRatePer('20', '60')).toEqual({ rate: 20, per: 60 });
    for (const [r, p] of [
      ['10', ''],
      ['', '1'],
      ['0', '1'],
      ['10', '0'],
      ['-1', '60'],
      ['ten', '1'],
    ]) {
      expect(() => parseRatePer(r as string, p as string), `${r}/${p}`).toThrow(expect.objectContaining({ code: 'invalid_field' }));
    }
  });

  it('reads quota periods as seconds or names, requires one with a quota, and refuses quota_max 0', () => {
    expect(parseQuota('500', '3600')).toEqual({ quota_max: 500, quota_renewal_rate: 3600 });
    expect(parseQuota('100000', 'Month')).toEqual({ quota_max: 100000, quota_renewal_rate: 2592000 });
    expect(parseQuota('', 'day')).toEqual({ quota_max: -1, quota_renewal_rate: -1 });
    for (const [m, p] of [
      ['0', 'day'],
      ['10', ''],
      ['10', 'fortnight'],
      ['1.5', 'day'],
      ['10', '0'],
    ]) {
      expect(() => parseQuota(m as string, p as string), `${m}/${p}`).toThrow(expect.objectContaining({ code: 'invalid_field' }));
    }
  });
});

describe('generic CSV file', () => {
  it('reads headers in any case and order, and takes meta names verbatim', async () => {
    const csv = '\uFEFF API_IDS , Key ,Meta.Customer_ID,TAGS\r\n a ; b ,header-key-1,C-1, x;;y \r\n';
    const [record] = await importAll('csv', [textFile('k.csv', csv)]);
    expect(record?.result).toBe('ok');
    if (record?.result !== 'ok') return;
    expect(record.key.reveal()).toBe('header-key-1');
    expect(Object.keys(record.session.access_rights)).toEqual(['a', 'b']);
    expect(record.session.meta_data).toEqual({ Customer_ID: 'C-1', migrated_from: 'csv' });
    expect(record.session.tags).toEqual(['x', 'y']);
  });

  it('refuses a row with more cells than the header, which would shift columns', async () => {
    const csv = 'key,alias,api_ids\nshift-key-1,Smith, Inc,a\nshift-key-2,"Smith, Inc",a\nshort-row\n';
    expect(summary(await importAll('csv', [textFile('k.csv', csv)]))).toEqual(['error:invalid_field', 'ok', 'skipped:no_access_rights']);
  });

  it('numbers rows by data record and reports the line each starts on', async () => {
    const csv = 'key,alias,api_ids\n\nline-3-key,"two\nlines",a\n\nline-6-key,x,a\n';
    const records = await importAll('csv', [textFile('k.csv', csv)]);
    expect(records.map((r) => [r.ref, r.line])).toEqual([
      ['row 1', 3],
      ['row 2', 6],
    ]);
  });

  it('can be iterated twice with the same outcome', async () => {
    const { openImport } = await import('../../src/importers/index.js');
    const { options } = await import('./helpers.js');
    const parsed = await openImport('csv', [textFile('k.csv', 'key,api_ids\nagain-key,a\nagain-key,a\n')], options());
    for (let pass = 0; pass < 2; pass++) {
      const out = [];
      for await (const r of parsed.records) out.push(r);
      expect(summary(out)).toEqual(['ok', 'error:duplicate_key']);
    }
  });
});

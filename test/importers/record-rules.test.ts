import { describe, expect, it } from 'vitest';
import { checkKey } from '../../src/importers/key-checks.js';
import { importAll, jsonFile, REFERENCE_TIME, summary, textFile } from './helpers.js';

const PLANS = { items: [{ id: 'p1', apiStages: [{ apiId: 'api', stage: 'prod' }] }] };

describe('key checks', () => {
  it('refuses keys shorter than min_key_length, counting characters not bytes', () => {
    expect(checkKey('abc', 4).status).toBe('invalid');
    expect(checkKey('abcd', 4).status).toBe('usable');
    expect(checkKey('東京', 4).status).toBe('invalid');
    expect(checkKey('東京都庁', 4).status).toBe('usable');
  });

  it('refuses whitespace and control characters anywhere, without trimming', () => {
    for (const bad of [' abcd', 'abcd ', 'ab cd', 'ab\tcd', 'abcd\n', 'ab\u0000cd', 'ab\u00a0cd', 'ab\ud800cd']) {
      expect(checkKey(bad, 4).status, JSON.stringify(bad)).toBe('invalid');
    }
  });

  it("refuses values Tyk's key routes cannot address, saying why", () => {
    // /tyk/keys/{keyName:[^/]*}: a '/' never reaches the key, '..' is cleaned away, preview/create/policy are other routes
    for (const bad of ['ab/cd', 'abcd/', 'ab%2Fcd', 'ab%cd', 'abc?d', 'abc#d', '..', '.', 'preview', 'create', 'policy']) {
      const c = checkKey(bad, 1);
      expect(c.status, bad).toBe('invalid');
      expect(c.status === 'invalid' && c.detail, bad).toMatch(/Tyk's key API cannot address/);
    }
    for (const good of ['a..b', 'previews', 'create-key', 'key.v1', 'ab:cd', 'ab+cd='])
      expect(checkKey(good, 1).status, good).toBe('usable');
  });

  it('treats absent, null and empty as missing, and other types as invalid without a key', () => {
    for (const missing of [undefined, null, '']) expect(checkKey(missing, 4)).toEqual({ status: 'missing' });
    expect(checkKey(12345, 4)).toEqual({ status: 'invalid', detail: 'the key is a number, not text' });
  });
});

describe('duplicate keys', () => {
  it('lets the first record claim a value even when it is skipped or fails, and compares case-sensitively', async () => {
    const csv = [
      'key,api_ids,expires,is_inactive',
      'dup-key-1,a,2020-01-01,', // skipped expired, still claims
      'dup-key-1,a,,',
      'dup-key-2,a,,maybe', // invalid_field, still claims
      'dup-key-2,a,,',
      'DUP-KEY-2,a,,',
      'ab,a,,', // invalid_key does not claim
      'ab,a,,',
    ].join('\n');
    const records = await importAll('csv', [textFile('k.csv', csv)]);
    expect(summary(records)).toEqual([
      'skipped:expired',
      'error:duplicate_key',
      'error:invalid_field',
      'error:duplicate_key',
      'ok',
      'error:invalid_key',
      'error:invalid_key',
    ]);
  });

  it('makes earlier rows of the AWS import CSV superseded, so the last row wins', async () => {
    const csv = "Name,Key,UsagePlanIds\nfirst,same-key-1,p1\nother,other-key,p1\nsecond,same-key-1,'p1'\nthird,same-key-1,\n";
    const records = await importAll('aws', [textFile('k.csv', csv), jsonFile('plans.json', PLANS)]);
    expect(summary(records)).toEqual(['skipped:superseded', 'ok', 'skipped:superseded', 'skipped:no_access_rights']);
  });

  it('records in error never carry the key value in their detail', async () => {
    const key = 'Visible-Key-Value-9';
    const csv = `key,rate,per,quota_max,expires,is_inactive,api_ids\n${key},x,1,,,,a\n${key}z,1,,,,,a\n${key}y,1,1,0,,,a\n${key}w,,,,1700000000000,,a\n${key}v,,,,,bad,a\n${key},1,1,,,,a\n`;
    const records = await importAll('csv', [textFile('k.csv', csv)]);
    expect(records.every((r) => r.result === 'error')).toBe(true);
    for (const r of records) expect(JSON.stringify(r)).not.toContain(key);
  });
});

describe('expiry and access', () => {
  it('skips a key that expires exactly at the reference time, and keeps one a second later', async () => {
    const csv = `key,api_ids,expires\nkey-at-ref,a,${REFERENCE_TIME}\nkey-after,a,${REFERENCE_TIME + 1}\n`;
    expect(summary(await importAll('csv', [textFile('k.csv', csv)]))).toEqual(['skipped:expired', 'ok']);
  });

  it('gives default policies to keys that would otherwise have no access, and only to them', async () => {
    const csv = 'key,api_ids,policy_ids\nno-access-key,,\nown-policy,,p-own\nwith-api,a,\n';
    const records = await importAll('csv', [textFile('k.csv', csv)], { defaultPolicies: ['p-default'] });
    expect(records.map((r) => (r.result === 'ok' ? r.session.apply_policies : r.result))).toEqual([['p-default'], ['p-own'], []]);
  });

  it('uses api_map entries in place of the default API ids', async () => {
    const records = await importAll('csv', [textFile('k.csv', 'key,api_ids\nmapped-key,orders\n')], {
      apiMap: { orders: { api_id: 'tyk-1', api_name: 'Orders' } },
    });
    expect(records[0]?.result === 'ok' && records[0].session.access_rights).toEqual({
      'tyk-1': { api_id: 'tyk-1', api_name: 'Orders', versions: ['Default'] },
    });
  });
});

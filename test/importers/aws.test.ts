import { describe, expect, it } from 'vitest';
import type { ImportRecord } from '../../src/importers/index.js';
import { importAll, jsonFile, summary, textFile } from './helpers.js';

const ok = (r: ImportRecord | undefined) => {
  if (r?.result !== 'ok') throw new Error(`expected ok, got ${r?.result}`);
  return r;
};

const plans = {
  item: [
    {
      id: 'offset',
      apiStages: [{ apiId: 'api1', stage: 'prod' }],
      throttle: { rateLimit: 2.5, burstLimit: 5 },
      quota: { limit: 10, offset: 3, period: 'DAY' },
    },
    { id: 'bad-period', apiStages: [{ apiId: 'api2', stage: 'prod' }], quota: { limit: 10, period: 'YEAR' } },
  ],
};

describe('AWS API Gateway', () => {
  it('accepts the raw REST `item` wrapper and takes a missing value from the usage-plan keys', async () => {
    const keys = { item: [{ id: 'k1', name: 'no-value', enabled: true }] };
    const planKeys = { offset: { item: [{ id: 'k1', type: 'API_KEY', value: 'value-from-plan-keys' }] } };
    const [record] = await importAll('aws', [jsonFile('keys.json', keys), jsonFile('plans.json', plans), jsonFile('pk.json', planKeys)]);
    const { key, session, warnings } = ok(record);
    expect(key.reveal()).toBe('value-from-plan-keys');
    expect([session.rate, session.per, session.quota_max, session.quota_renewal_rate]).toEqual([25, 10, 10, 86400]);
    expect(warnings).toContain('quota_offset_ignored');
  });

  it('warns about a plan the plans file lacks, and refuses a plan with an unknown quota period', async () => {
    const keys = {
      items: [
        { id: 'k1', value: 'key-in-ghost-plan' },
        { id: 'k2', value: 'key-in-bad-plan' },
      ],
    };
    const planKeys = { offset: { items: [{ id: 'k1' }] }, ghost: { items: [{ id: 'k1' }] }, 'bad-period': { items: [{ id: 'k2' }] } };
    const [ghost, bad] = await importAll('aws', [
      jsonFile('keys.json', keys),
      jsonFile('plans.json', plans),
      jsonFile('pk.json', planKeys),
    ]);
    expect(ok(ghost).warnings).toContain('unknown_usage_plan');
    // meta lists only the plans that exist; the dangling one is the warning
    expect(ok(ghost).session.meta_data.aws_usage_plans).toBe('offset');
    expect(bad).toMatchObject({
      result: 'error',
      error: 'invalid_field',
      detail: 'usage plan bad-period quota.period must be DAY, WEEK or MONTH',
    });
  });

  it('reads the import CSV header in any case and order, with CRLF and a BOM', async () => {
    const csv =
      '\uFEFFEnabled,Name,key,UsageplanIds\r\nfalse,n1,csv-key-0001,offset\r\nmaybe,n2,csv-key-0002,offset\r\n,n3,csv-key-0003,"offset,ghost"\r\n';
    const records = await importAll('aws', [jsonFile('plans.json', plans), textFile('keys.csv', csv)]);
    expect(summary(records)).toEqual(['ok', 'error:invalid_field', 'ok']);
    expect(ok(records[0]).session.is_inactive).toBe(true);
    expect(ok(records[2]).session.is_inactive).toBe(false);
    expect(ok(records[2]).warnings).toContain('unknown_usage_plan');
    expect(ok(records[2]).session.meta_data.aws_usage_plans).toBe('offset');
  });

  it('refuses an import CSV without a Name column', async () => {
    await expect(importAll('aws', [jsonFile('plans.json', plans), textFile('keys.csv', 'key\nabcd\n')])).rejects.toMatchObject({
      userMessage: expect.stringContaining('has no Name column'),
    });
  });
});

import { describe, expect, it } from 'vitest';
import { importAll, jsonFile, summary } from './helpers.js';

const products = {
  apiProduct: [
    { name: 'weekly', proxies: ['p1'], quota: 70, quotaInterval: 2, quotaTimeUnit: 'week' },
    { name: 'yearly', proxies: ['p2'], quota: '5', quotaInterval: '1', quotaTimeUnit: 'year' },
    {
      name: 'ops',
      operationGroup: {
        operationConfigs: [{ apiSource: 'p3', quota: { limit: '5', interval: '1', timeUnit: 'minute' } }, { apiSource: 'p3' }],
      },
    },
  ],
};

const app = (name: string, products: string[], extra: Record<string, unknown> = {}) => ({
  name,
  appId: `${name}-id`,
  status: 'approved',
  credentials: [
    {
      consumerKey: `${name}-consumer-key`,
      status: 'approved',
      apiProducts: products.map((p) => ({ apiproduct: p, status: 'approved' })),
      ...extra,
    },
  ],
});

describe('Apigee', () => {
  it('accepts the Management API wrappers and Edge numbers, and warns about what it drops', async () => {
    const apps = {
      app: [app('weekly-app', ['weekly'], { expiresAt: 1798761600123 }), app('yearly-app', ['yearly']), app('ops-app', ['ops', 'missing'])],
    };
    const records = await importAll('apigee', [jsonFile('apps.json', apps), jsonFile('products.json', products)]);
    expect(summary(records)).toEqual(['ok', 'ok', 'ok']);
    const [weekly, yearly, ops] = records;
    expect(weekly?.result === 'ok' && [weekly.session.quota_max, weekly.session.quota_renewal_rate, weekly.session.expires]).toEqual([
      70, 1209600, 1798761600,
    ]);
    expect(yearly?.result === 'ok' && [yearly.session.quota_max, yearly.warnings]).toEqual([-1, ['quota_unit_unknown']]);
    expect(ops?.result === 'ok' && Object.keys(ops.session.access_rights)).toEqual(['p3']);
    expect(ops?.result === 'ok' && ops.warnings).toEqual(expect.arrayContaining(['operation_quota_dropped', 'unknown_product']));
    expect(ops?.result === 'ok' && ops.session.meta_data.apigee_products).toBe('ops,missing');
  });

  it('makes a product with a non-numeric quota an invalid_field for its keys only', async () => {
    const bad = [
      { name: 'bad', proxies: ['p'], quota: 'lots', quotaTimeUnit: 'day' },
      { name: 'good', proxies: ['p'] },
    ];
    const records = await importAll('apigee', [
      jsonFile('products.json', bad),
      jsonFile('apps.json', [app('a1', ['bad']), app('a2', ['good'])]),
    ]);
    expect(summary(records)).toEqual(['error:invalid_field', 'ok']);
  });
});

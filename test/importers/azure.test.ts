import { describe, expect, it } from 'vitest';
import { importAll, jsonFile, summary } from './helpers.js';

const policy = (inbound: string) => ({
  properties: { format: 'xml', value: `<policies><inbound>${inbound}<base /></inbound><outbound /></policies>` },
});
const bundle = {
  products: [
    {
      name: 'Gold',
      apis: [{ name: 'a1', properties: { displayName: 'API one' } }],
      policy: policy(
        '<!-- <rate-limit calls="1" renewal-period="1" /> --><rate-limit-by-key calls="9" renewal-period="9" counter-key="@(context.IpAddress)" /><rate-limit calls="20" renewal-period="90"><api name="a1" calls="5" renewal-period="60" /></rate-limit><quota bandwidth="1000" renewal-period="60" /><quota calls="100" renewal-period="0" />',
      ),
    },
    { name: 'broken', apis: [{ name: 'a1' }], policy: policy('<rate-limit calls="@(1)" renewal-period="60" />') },
  ],
  apis: [{ name: 'a1', properties: { displayName: 'API one' } }],
};

const sub = (name: string, scope: string, state = 'active') => ({
  name,
  properties: { scope, state, displayName: name, primaryKey: `${name}-primary-key`, secondaryKey: `${name}-secondary-key` },
});

describe('Azure API Management', () => {
  it('reads the first rate-limit and counted quota of a product policy and warns about the rest', async () => {
    const records = await importAll(
      'azure',
      [jsonFile('subs.json', { value: [sub('s1', '/products/gold')] }), jsonFile('bundle.json', bundle)],
      { azureKeySlots: 'primary' },
    );
    expect(records).toHaveLength(1);
    const [r] = records;
    if (r?.result !== 'ok') throw new Error('expected ok');
    expect(r.ref).toBe('subscription s1 primary');
    expect([r.session.rate, r.session.per, r.session.quota_max, r.session.quota_renewal_rate]).toEqual([20, 90, 100, 0]);
    expect(r.warnings).toEqual(expect.arrayContaining(['policy_not_mapped', 'per_api_policy_ignored', 'bandwidth_quota_ignored']));
    expect(r.session.access_rights).toEqual({ a1: { api_id: 'a1', api_name: 'API one', versions: ['Default'] } });
  });

  it('imports only the secondary slot when asked, and maps states and scopes', async () => {
    const subs = {
      value: [
        sub('s2', '/apis/unknown-api'),
        sub('s3', '/products/nope'),
        sub('s4', '/products/gold', 'suspended'),
        sub('s5', '/products/gold', 'paused'),
        sub('s6', '/products/broken'),
        sub('s7', '/groups/x'),
      ],
    };
    const records = await importAll('azure', [jsonFile('subs.json', subs), jsonFile('bundle.json', bundle)], {
      azureKeySlots: 'secondary',
    });
    expect(records.map((r) => r.ref)).toEqual(['s2', 's3', 's4', 's5', 's6', 's7'].map((s) => `subscription ${s} secondary`));
    expect(summary(records)).toEqual([
      'ok',
      'skipped:no_access_rights',
      'ok',
      'error:invalid_field',
      'error:invalid_field',
      'error:invalid_field',
    ]);
    expect(records[0]?.result === 'ok' && records[0].session.access_rights).toEqual({
      'unknown-api': { api_id: 'unknown-api', api_name: 'unknown-api', versions: ['Default'] },
    });
    expect(records[2]?.result === 'ok' && records[2].session.is_inactive).toBe(true);
  });
});

describe('Azure product policies an attacker wrote', () => {
  // each shape made the old regexes rescan the text once per position: seconds per key at 117 KiB
  const SIZE = 117 * 1024;
  const hostile = {
    'unclosed inbound tags': `<inbound>${'<inbound '.repeat(SIZE / 9)}`,
    'unclosed comments': `<inbound>${'<!--'.repeat(SIZE / 4)}</inbound>`,
    'unclosed elements': `<inbound>${'<rate-limit '.repeat(SIZE / 12)}</inbound>`,
    'one long attribute name': `<inbound><rate-limit ${'a'.repeat(SIZE)}></inbound>`,
  };

  it.each(Object.entries(hostile))('reads a 117 KiB policy of %s in one pass, once for all its keys', async (_shape, xml) => {
    const file = { products: [{ name: 'gold', apis: [{ name: 'a1' }], policy: { properties: { value: xml } } }], apis: [] };
    const subs = { value: [sub('s1', '/products/gold'), sub('s2', '/products/gold'), sub('s3', '/products/gold')] };
    const started = performance.now();
    const records = await importAll('azure', [jsonFile('subs.json', subs), jsonFile('bundle.json', file)]);
    // generous for a loaded machine: the old code took 2 to 40 seconds per key on these
    expect(performance.now() - started).toBeLessThan(1500);
    expect(records).toHaveLength(6);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openImport } from '../../src/importers/index.js';
import { jsonFile, options, textFile } from './helpers.js';
import { FIXTURES } from './oracle.js';

const fixture = (name: string, as: string) => textFile(as, readFileSync(join(FIXTURES, name)));

describe('file roles', () => {
  it('places AWS files by their content, whatever their names and order', async () => {
    const files = [
      fixture('aws-usage-plan-keys.json', 'a.json'),
      fixture('aws-api-keys.json', 'usage-plans.json'),
      fixture('aws-usage-plans.json', 'keys.json'),
    ];
    const parsed = await openImport('aws', files, options());
    expect(parsed.files).toEqual([
      { name: 'a.json', role: 'usage plan keys' },
      { name: 'usage-plans.json', role: 'api keys' },
      { name: 'keys.json', role: 'usage plans' },
    ]);
  });

  it('tells the AWS import CSV from JSON by its content', async () => {
    const parsed = await openImport(
      'aws',
      [fixture('aws-import.csv', 'export.json'), fixture('aws-usage-plans.json', 'plans.txt')],
      options(),
    );
    expect(parsed.files.map((f) => f.role)).toEqual(['import-api-keys csv', 'usage plans']);
  });

  it('gives an empty list the role no other file took', async () => {
    const parsed = await openImport('apigee', [jsonFile('p.json', []), fixture('apigee-apps.json', 'x.json')], options());
    expect(parsed.files.map((f) => f.role)).toEqual(['products', 'apps']);
    const records = [];
    for await (const r of parsed.records) records.push(r);
    expect(records.every((r) => r.result !== 'ok')).toBe(true);
  });

  it('places the Azure subscription list and product bundle, and a decK dump written as JSON', async () => {
    const azure = await openImport(
      'azure',
      [fixture('azure-products.json', '1.json'), fixture('azure-subscriptions.json', '2.json')],
      options(),
    );
    expect(azure.files.map((f) => f.role)).toEqual(['product bundle', 'subscriptions']);
    const kong = await openImport('kong', [jsonFile('dump.json', { _format_version: '3.0', consumers: [] })], options());
    expect(kong.files).toEqual([{ name: 'dump.json', role: 'decK dump' }]);
  });
});

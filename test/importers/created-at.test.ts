import { describe, expect, it } from 'vitest';
import type { ImportFormat, ImportRecord } from '../../src/importers/index.js';
import { fixture } from '../harness/import-steps.js';
import { importAll, textFile } from './helpers.js';

const createdOf = (records: ImportRecord[]) => records.flatMap((r) => (r.result === 'ok' ? [r.createdAt] : []));

describe('the source platform’s creation date of each imported key', () => {
  it('Kong: created_at, unix seconds', async () => {
    const yaml = `plugins:\n- name: key-auth\nservices:\n- name: orders\nconsumers:\n- username: acme\n  keyauth_credentials:\n  - key: acme-key-0001\n    created_at: 1700000000\n  - key: acme-key-0002\n`;
    expect(createdOf(await importAll('kong', [textFile('kong.yaml', yaml)]))).toEqual([1_700_000_000_000, undefined]);
  });

  it.each([
    ['aws', ['aws-api-keys.json', 'aws-usage-plans.json', 'aws-usage-plan-keys.json'], '2024-03-11T09:15:22+00:00'],
    ['azure', ['azure-subscriptions.json', 'azure-products.json'], '2024-02-01T10:00:00.000Z'],
    ['apigee', ['apigee-apps.json', 'apigee-products.json'], 1714561200000],
    ['tyk', ['tyk-sessions.json'], '2024-01-01T00:00:00Z'],
  ] as const)('%s: the fixture’s dates are kept (ms)', async (format, files, first) => {
    const records = await importAll(
      format as ImportFormat,
      files.map((f) => textFile(f, fixture(f))),
    );
    const created = createdOf(records);
    expect(created.length).toBeGreaterThan(0);
    expect(created[0]).toBe(typeof first === 'number' ? first : Date.parse(first));
  });

  it('a date that is not one, Go’s zero time or a date after the export counts as unknown', async () => {
    const sessions = {
      'tyk-key-zero-0001': {
        alias: 'zero',
        date_created: '0001-01-01T00:00:00Z',
        access_rights: { a: { api_id: 'a', versions: ['Default'] } },
      },
      'tyk-key-junk-0002': { alias: 'junk', date_created: 'yesterday', access_rights: { a: { api_id: 'a', versions: ['Default'] } } },
      'tyk-key-late-0003': {
        alias: 'late',
        date_created: '2099-01-01T00:00:00Z',
        access_rights: { a: { api_id: 'a', versions: ['Default'] } },
      },
    };
    const records = await importAll('tyk', [textFile('sessions.json', JSON.stringify(sessions))]);
    expect(createdOf(records)).toEqual([undefined, undefined, undefined]);
  });
});

import { describe, expect, it } from 'vitest';
import { importAll, jsonFile, textFile } from './helpers.js';

const csv = (apis: string, policies: string) =>
  textFile(
    'keys.csv',
    `key,alias,api_ids,policy_ids\nimport-key-aaaa-0001,one,${apis},${policies}\nimport-key-bbbb-0002,two,orders-api,gold\n`,
  );
const q = (cell: string) => `"${cell.replace(/"/g, '""')}"`;

const ZW = '\u200B';

describe('policy and API IDs read from a file', () => {
  it.each([
    ['a plain ID', 'gold-policy', true],
    ['every allowed character', 'Org_1.gold:v2-x', true],
    ['128 characters', 'p'.repeat(128), true],
    ['a Dashboard object ID', '5e9d9544a1dcd60001d0ed20', true],
    ['129 characters', 'p'.repeat(129), false],
    ['a mention', '<!channel>', false],
    ['a link', '<https://evil.example|reviewed>', false],
    ['a space', 'gold policy', false],
    ['a line break', 'gold\nNo problems in the file.', false],
    ['a zero-width space', `gold${ZW}`, false],
    ['only invisible characters', ZW.repeat(3000), false],
    ['a right-to-left override', 'gold\u202E', false],
    ['a non-ASCII letter', 'pólicy', false],
    ['a slash', 'a/b', false],
  ])('%s as a policy ID: usable %s', async (_what, id, ok) => {
    const [first, second] = await importAll('csv', [csv('orders-api', q(id))]);
    expect(second?.result).toBe('ok'); // the other records are read as usual
    if (ok) return expect(first).toMatchObject({ result: 'ok', session: { apply_policies: [id] } });
    expect(first).toMatchObject({ result: 'error', error: 'invalid_field' });
    expect(first?.result === 'error' && first.detail).toMatch(/policy 1 of 1 is not a Tyk policy ID \(letters, digits and \. _ : - only/);
    expect(JSON.stringify(first)).not.toContain(id.slice(0, 8)); // the reason names the place, never the value
  });

  it.each([
    ['a link', '<https://evil.example|reviewed>'],
    ['a line break', 'orders\napi'],
    ['invisible characters', `orders${ZW.repeat(3000)}`],
  ])('%s as an API ID refuses the record with its place', async (_what, id) => {
    const [first] = await importAll('csv', [csv(q(`orders-api;${id}`), 'gold')]);
    expect(first).toMatchObject({
      result: 'error',
      error: 'invalid_field',
      detail: expect.stringMatching(/^API 2 of 2 in access_rights is not a Tyk API ID/),
    });
  });

  it('applies to every format: a Tyk session export with a bad policy and a bad access_rights key', async () => {
    const session = (over: Record<string, unknown>) => ({
      alias: 'x',
      rate: 1,
      per: 1,
      quota_max: -1,
      quota_renewal_rate: -1,
      expires: 0,
      access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } },
      apply_policies: [],
      ...over,
    });
    const records = await importAll('tyk', [
      jsonFile('keys.json', {
        'import-key-aaaa-0001': session({ apply_policies: ['gold', '<!here>'] }),
        'import-key-bbbb-0002': session({ access_rights: { 'a b': { api_id: 'a b', api_name: 'x', versions: ['Default'] } } }),
        'import-key-cccc-0003': session({}),
      }),
    ]);
    expect(records.map((r) => (r.result === 'error' ? `${r.error}: ${r.detail}` : r.result))).toEqual([
      expect.stringMatching(/^invalid_field: policy 2 of 2 is not a Tyk policy ID/),
      expect.stringMatching(/^invalid_field: API 1 of 1 in access_rights is not a Tyk API ID/),
      'ok',
    ]);
  });

  it('a mapping file cannot smuggle one in either', async () => {
    const [first] = await importAll('csv', [csv('src-api', 'gold')], { apiMap: { 'src-api': { api_id: '<!channel>', api_name: 'x' } } });
    expect(first).toMatchObject({ result: 'error', error: 'invalid_field' });
  });
});

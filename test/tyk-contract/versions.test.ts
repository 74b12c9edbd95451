import { describe, expect, it } from 'vitest';
import { emulatorTarget } from '../harness/contract-target.js';
import type { GatewayVersion } from '../harness/tyk-emulator/index.js';
import { ordersSession } from './fixtures.js';
import { control } from './route-contract.js';

// Behaviour that differs between gateway releases the real-gateway run (5.8.1) cannot show; each row
// is from reading that release's source (docs/tyk-behaviour.md "Version table"). Emulator only.

const invoicesOnly = (orgId: string) => ({
  org_id: orgId,
  access_rights: { 'invoices-api': { api_id: 'invoices-api', api_name: 'Invoices API', versions: ['Default'] } },
});

describe('key listing by api_id, by version', () => {
  const rows: Array<[GatewayVersion, { unhashed: 'ignored' | 'needs-filter'; hashedFilters: boolean }]> = [
    ['5.8.1', { unhashed: 'ignored', hashedFilters: false }],
    ['5.8.8', { unhashed: 'ignored', hashedFilters: false }],
    ['5.8.15', { unhashed: 'needs-filter', hashedFilters: true }],
    ['5.11', { unhashed: 'ignored', hashedFilters: false }],
    ['5.12', { unhashed: 'needs-filter', hashedFilters: true }],
  ];
  for (const [version, expected] of rows) {
    it(`on ${version}: unhashed api_id without filter is ${expected.unhashed}; hashed ${expected.hashedFilters ? 'filters by API' : 'ignores api_id'}`, async () => {
      const t = await emulatorTarget({ version, hashKeys: false, hashKeyFunction: 'sha256' });
      try {
        expect((await control(t, 'POST', '/tyk/keys/invoices-only-key', invoicesOnly(t.orgId))).status).toBe(200);
        const unhashed = await control(t, 'GET', '/tyk/keys?api_id=orders-api');
        if (expected.unhashed === 'ignored') expect((unhashed.json as { keys: string[] }).keys).toHaveLength(1);
        else {
          expect(unhashed.status).toBe(400);
          expect((unhashed.json as { message: string }).message).toBe(
            "The 'filter' parameter (Org ID) is required when filtering by 'api_id' in legacy mode",
          );
        }
        t.emulator.options.hashKeys = true;
        expect((await control(t, 'POST', '/tyk/keys/invoices-hashed-key', invoicesOnly(t.orgId))).status).toBe(200);
        const hashed = await control(t, 'GET', '/tyk/keys?api_id=orders-api');
        expect(hashed.status).toBe(200);
        expect((hashed.json as { keys: string[] }).keys.length).toBe(expected.hashedFilters ? 0 : 2);
      } finally {
        await t.close();
      }
    });
  }
});

describe('min_token_length, by version', () => {
  // create: is a custom id shorter than the minimum refused?  auth: is a key of exactly the minimum refused (`<=`)?
  const rows: Array<[GatewayVersion, { createCheck: boolean; offByOne: boolean }]> = [
    ['5.8.1', { createCheck: false, offByOne: true }],
    ['5.8.8', { createCheck: false, offByOne: true }],
    ['5.8.15', { createCheck: true, offByOne: false }],
    ['5.12', { createCheck: false, offByOne: true }],
    ['5.13.1', { createCheck: true, offByOne: false }],
    ['5.14', { createCheck: true, offByOne: false }],
  ];
  for (const [version, expected] of rows) {
    it(`on ${version} with min_token_length 6, counted in bytes: create check ${expected.createCheck}, gate ${expected.offByOne ? '<=' : '<'}`, async () => {
      const t = await emulatorTarget({ version, hashKeys: false, hashKeyFunction: '', minTokenLength: 6 });
      try {
        const post = (id: string) => control(t, 'POST', `/tyk/keys/${encodeURIComponent(id)}`, ordersSession(t, { org_id: '' }));
        // 'ab€' is 3 characters but 5 bytes: short either way; 'a€cd' is 4 characters and 6 bytes
        expect((await post('ab€')).status).toBe(expected.createCheck ? 400 : 200);
        expect((await post('a€cd')).status).toBe(200);
        expect(t.emulator.consume('orders-api', 'a€cd').status).toBe(expected.offByOne ? 403 : 200);
        expect((await post('abcdefg')).status).toBe(200);
        expect(t.emulator.consume('orders-api', 'abcdefg').status).toBe(200);
      } finally {
        await t.close();
      }
    });
  }
});

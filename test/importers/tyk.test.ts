import { describe, expect, it } from 'vitest';
import { importAll, jsonFile, summary } from './helpers.js';

const session = {
  alias: 'a',
  rate: 5,
  per: 1,
  quota_max: 10,
  quota_renewal_rate: 60,
  quota_remaining: 3,
  last_check: 99,
  org_id: 'old-org',
  throttle_interval: 2,
  access_rights: {
    api: { api_id: 'api', api_name: 'API', versions: ['Default'], limit: { rate: 1, quota_remaining: 4, quota_renews: 5 } },
  },
  expires: -1,
};

describe('Tyk to Tyk', () => {
  it('accepts a {"<key>": session} map, drops runtime state and passes other fields through', async () => {
    const records = await importAll('tyk', [
      jsonFile('keys.json', { 'map-key-0001': session, 'map-key-0002': { ...session, oauth_client_id: 'c1' } }),
    ]);
    expect(summary(records)).toEqual(['ok', 'error:unsupported_auth_type']);
    const [r] = records;
    if (r?.result !== 'ok') throw new Error('expected ok');
    expect(r.ref).toBe('entry 1');
    expect(r.key.reveal()).toBe('map-key-0001');
    expect(r.session.expires).toBe(0);
    expect(r.session.access_rights.api?.limit).toEqual({ rate: 1 });
    expect(r.extra).toEqual({ throttle_interval: 2 });
  });

  it('refuses a session whose numbers are not numbers', async () => {
    const records = await importAll('tyk', [jsonFile('keys.json', { keys: [{ key_id: 'typed-key-1', data: { ...session, rate: '5' } }] })]);
    expect(records[0]).toMatchObject({ result: 'error', error: 'invalid_field', detail: 'rate must be a number' });
  });
});

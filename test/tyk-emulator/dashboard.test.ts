import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { keyHash, tykToken } from '../../src/tyk/token.js';
import { call, clients } from '../harness/tyk-emulator/http-client.js';
import { startTykEmulator, TEST_ORG, type TykEmulator } from '../harness/tyk-emulator/index.js';

let emu: TykEmulator;
let dash: ReturnType<typeof clients>['dashboard'];
const clock = new ManualClock();
const NOT_AUTHORISED = { Status: 'Error', Message: 'Not authorised', Meta: null };
const orders = {
  org_id: TEST_ORG,
  access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } },
};
const as = (key: string) => (method: string, path: string) => call(emu.url, method, path, { headers: { authorization: key } });

beforeEach(async () => {
  clock.set(Date.UTC(2026, 2, 15, 12));
  emu = await startTykEmulator({ clock });
  dash = clients(emu).dashboard;
});
afterEach(() => emu.close());

describe('Dashboard auth', () => {
  it('accepts any user current access key raw, and refuses missing, wrong and Bearer forms', async () => {
    for (const headers of [{}, { authorization: 'wrong' }, { authorization: `Bearer ${emu.options.dashboardKey}` }] as Array<
      Record<string, string>
    >) {
      const r = await call(emu.url, 'GET', '/api/apis', { headers });
      expect([r.status, r.json]).toEqual([401, NOT_AUTHORISED]);
    }
    const ana = emu.dashboard.addUser({ email: 'ana@example.com' });
    expect((await as(ana.access_key)('GET', '/api/apis')).status).toBe(200);
  });
});

describe('Dashboard keys', () => {
  it('imports a custom key and answers KeyData with the token and its hash', async () => {
    const r = await dash('POST', '/api/keys/dash-key-0001', { body: orders });
    const token = tykToken(TEST_ORG, 'dash-key-0001', 'murmur64');
    expect(r.json).toMatchObject({ api_model: {}, key_id: token, key_hash: keyHash(token), data: { org_id: TEST_ORG } });
    expect(emu.consume('orders-api', 'dash-key-0001').status).toBe(200);
    const generated = (await dash('POST', '/api/keys', { body: { access_rights: orders.access_rights } })).json as { key_id: string };
    expect(emu.findByRaw(JSON.parse(Buffer.from(generated.key_id, 'base64').toString()).id)).toBeDefined();
  });

  it('reads, updates and deletes by token, by hash with hashed, and by raw id in the caller org', async () => {
    const { key_id, key_hash } = (await dash('POST', '/api/keys/dash-key-0002', { body: orders })).json as {
      key_id: string;
      key_hash: string;
    };
    for (const [id, query] of [
      [key_id, {}],
      [key_hash, { hashed: '1' }],
      ['dash-key-0002', {}],
    ] as const) {
      expect(((await dash('GET', `/api/keys/${id}`, { query })).json as { key_id: string }).key_id).toBe(key_id);
    }
    const put = await dash('PUT', `/api/keys/${key_id}`, { body: { ...orders, alias: 'renamed' } });
    expect(put.json).toMatchObject({ key_id, data: { alias: 'renamed' } });
    expect((await dash('DELETE', '/api/keys/dash-key-0002')).json).toEqual({
      Status: 'OK',
      Message: 'Key deleted successfully.',
      Meta: null,
    });
    const gone = await dash('GET', `/api/keys/${key_id}`);
    expect([gone.status, gone.json]).toEqual([404, { Status: 'Error', Message: 'Could not retrieve key detail.', Meta: null }]);
  });

  it('refuses keys of another org', async () => {
    const foreign = emu.seedKey({ raw: 'foreign-key', orgId: 'ffffffffffffffffffffffff', session: orders });
    const r = await dash('GET', `/api/keys/${foreign.token}`);
    expect([r.status, r.json]).toEqual([400, { Status: 'Error', Message: 'Attempted access to non-owned key.', Meta: null }]);
  });

  it('pages key, API and policy lists by p, ten per page', async () => {
    for (let i = 0; i < 12; i++) emu.seedKey({ raw: `paged-key-${i}`, session: orders });
    const p1 = (await dash('GET', '/api/apis/keys', { query: { p: '1' } })).json as { data: { keys: string[] }; pages: number };
    const p2 = (await dash('GET', '/api/apis/keys', { query: { p: '2' } })).json as { data: { keys: string[] }; pages: number };
    expect([p1.data.keys.length, p2.data.keys.length, p1.pages]).toEqual([10, 2, 2]);
    expect(p1.data.keys).toContain(keyHash(tykToken(TEST_ORG, 'paged-key-0', 'murmur64')));
    expect(((await dash('GET', '/api/apis', { query: { p: '1' } })).json as { apis: unknown[]; pages: number }).apis).toHaveLength(5);
    expect((await dash('GET', '/api/portal/policies', { query: { p: '1' } })).json).toMatchObject({
      Pages: 1,
      Data: [{ id: 'gold-policy' }, {}, {}],
    });
  });

  it('reports per-key activity with last_hit from consumer traffic or setActivity', async () => {
    const seeded = emu.seedKey({ raw: 'busy-key', session: orders });
    emu.consume('orders-api', 'busy-key');
    emu.consume('reports-api', 'busy-key');
    const r = (await dash('GET', `/api/activity/keys/${seeded.keyHash}/1/3/2026/15/3/2026`)).json as {
      data: Array<Record<string, unknown>>;
    };
    expect(r.data.map((u) => [(u['id'] as { api_id: string }).api_id, u['hits'], u['success'], u['error'], u['last_hit']])).toEqual([
      ['orders-api', 1, 1, 0, '2026-03-15T12:00:00Z'],
      ['reports-api', 1, 0, 1, '2026-03-15T12:00:00Z'],
    ]);
    expect((await dash('GET', `/api/activity/keys/${seeded.keyHash}/1/1/2026/31/1/2026`)).json).toEqual({ data: [], pages: 0 });
    emu.dashboard.setActivity('abcdef0123456789', Date.UTC(2026, 1, 2));
    const set = (await dash('GET', '/api/activity/keys/abcdef0123456789/1/2/2026/28/2/2026')).json as { data: Array<{ last_hit: string }> };
    expect(set.data[0]?.last_hit).toBe('2026-02-02T00:00:00Z');
  });
});

describe('Dashboard users', () => {
  it('shows users, the caller, and resets a key with a message only', async () => {
    const ana = emu.dashboard.addUser({ email: 'ana@example.com', first_name: 'Ana' });
    expect(((await dash('GET', '/api/users')).json as { users: unknown[]; pages: number }).users).toHaveLength(2);
    expect(((await dash('GET', '/api/users/me')).json as { id: string }).id).toBe(emu.dashboard.botUserId);
    const reset = await dash('PUT', `/api/users/${ana.id}/actions/key/reset`);
    expect(reset.json).toEqual({ Status: 'OK', Message: 'User session renewed', Meta: null });
    const after = (await dash('GET', `/api/users/${ana.id}`)).json as { access_key: string; email_address: string };
    expect(after.access_key).not.toBe(ana.access_key);
    expect(after.email_address).toBe('ana@example.com');
    expect((await as(ana.access_key)('GET', '/api/apis')).status).toBe(401);
    expect((await as(after.access_key)('GET', '/api/apis')).status).toBe(200);
  });

  it('locks the old key out after a self-reset; the admin API reads the new one', async () => {
    const bot = emu.dashboard.botUserId;
    expect((await dash('PUT', `/api/users/${bot}/actions/key/reset`)).status).toBe(200);
    expect((await dash('GET', `/api/users/${bot}`)).status).toBe(401);
    const denied = await call(emu.url, 'GET', `/admin/users/${bot}`, { headers: { 'admin-auth': 'wrong' } });
    expect(denied.status).toBe(401);
    const admin = await call(emu.url, 'GET', `/admin/users/${bot}`, { headers: { 'admin-auth': emu.options.dashboardAdminSecret } });
    const fresh = (admin.json as { access_key: string }).access_key;
    expect((await as(fresh)('GET', '/api/users/me')).status).toBe(200);
  });

  it('forbids resetting someone else when forbid_admin_reset_access_token is on, but not oneself', async () => {
    const ana = emu.dashboard.addUser({ email: 'ana@example.com' });
    emu.dashboard.forbidAdminReset = true;
    const r = await dash('PUT', `/api/users/${ana.id}/actions/key/reset`);
    expect([r.status, (r.json as { Message: string }).Message]).toEqual([
      403,
      `access denied: You do not have permission to access  /api/users/${ana.id}/actions/key/reset`,
    ]);
    expect((await as(ana.access_key)('PUT', `/api/users/${ana.id}/actions/key/reset`)).status).toBe(200);
    const missing = await dash('GET', '/api/users/000000000000000000000000');
    expect([missing.status, missing.json]).toEqual([404, { Status: 'Error', Message: 'Could not retrieve user detail.', Meta: null }]);
  });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret } from '../src/secret.js';
import { createDashboardClient } from '../src/tyk/dashboard.js';
import type { TykError } from '../src/tyk/errors.js';
import { Session } from '../src/tyk/session.js';
import { TEST_ORG, type TykEmulator, startTykEmulator } from './harness/tyk-emulator/index.js';
import { captureLog } from './tyk-contract/capture-log.js';
import { type Clients, clientsFor } from './tyk-contract/clients.js';

const orders = (extra: object = {}) =>
  Session.parse({ org_id: TEST_ORG, access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } }, alias: 'dash', ...extra });
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as TykError);

let emu: TykEmulator;
let c: Clients;
beforeEach(async () => {
  emu = await startTykEmulator();
  c = clientsFor(emu);
});
afterEach(async () => {
  await emu.close();
});

describe('Dashboard keys', () => {
  it('imports a custom key and finds it by token, by hash and by raw value through its API', async () => {
    const raw = new Secret('dash-import-0001');
    const created = await c.dashboard.createCustomKey(raw, orders());
    expect(created.keyHash).toMatch(/^[0-9a-f]{16}$/);
    expect(emu.consume('orders-api', raw.reveal()).status).toBe(200);
    expect((await c.dashboard.getKey({ token: created.token })).alias).toBe('dash');
    expect((await c.dashboard.getKey({ hash: created.keyHash ?? '' })).alias).toBe('dash');
    expect((await c.dashboard.getKey({ raw, apiId: 'orders-api' })).alias).toBe('dash');
  });

  it('updates with suppress_reset and deletes; a deleted key is not found', async () => {
    const raw = new Secret('dash-update-0001');
    const { token } = await c.dashboard.createCustomKey(raw, orders());
    const s = await c.dashboard.getKey({ token });
    await c.dashboard.updateKey({ token }, { ...s, alias: 'renamed' }, { suppressReset: true });
    expect((await c.dashboard.getKey({ token })).alias).toBe('renamed');
    expect(emu.calls.some((x) => x.method === 'PUT' && x.query['suppress_reset'] === '1')).toBe(true);
    await c.dashboard.deleteKey({ token });
    expect((await failure(c.dashboard.getKey({ token })))?.tykMessage).toBe('Could not retrieve key detail.');
  });

  it('creates a generated key whose token works for consumers', async () => {
    const { token } = await c.dashboard.createKey(orders());
    expect(emu.consume('orders-api', token.reveal()).status).toBe(200);
  });

  it('lists every key in one call (p=-1), and every page of APIs and policies', async () => {
    const hashes = [];
    for (let i = 0; i < 12; i++) hashes.push((await c.dashboard.createCustomKey(new Secret(`dash-list-${i}-xyz`), orders())).keyHash);
    const listed = (await c.dashboard.listKeys())?.map((k) => k.reveal());
    expect(listed).toEqual(expect.arrayContaining(hashes));
    expect(emu.calls.filter((x) => x.path === '/api/apis/keys').map((x) => x.query['p'])).toEqual(['-1']);
    expect((await c.dashboard.listApis()).map((a) => a.id)).toEqual(expect.arrayContaining(['orders-api', 'invoices-api', 'oauth-api']));
    expect((await c.dashboard.listPolicies()).map((p) => p.id)).toEqual(expect.arrayContaining(['gold-policy', 'silver-policy']));
  });

  it("sums a key's hits and finds its last use from the analytics", async () => {
    const raw = new Secret('dash-activity-1');
    const { keyHash } = await c.dashboard.createCustomKey(raw, orders());
    const before = await c.dashboard.keyActivity(keyHash ?? '', Date.now() - 86_400_000, Date.now());
    expect(before).toEqual({ hits: 0 });
    for (let i = 0; i < 3; i++) emu.consume('orders-api', raw.reveal());
    const after = await c.dashboard.keyActivity(keyHash ?? '', Date.now() - 86_400_000, Date.now());
    expect(after.hits).toBe(3);
    expect(after.lastHitMs).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('Dashboard PUT reply forms', () => {
  it('accepts the older {Status, Message} reply to a key update as well as KeyData', async () => {
    const old = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ Status: 'OK', Message: 'Key updated', Meta: '' }));
    });
    await new Promise<void>((resolve) => old.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(old.address() as AddressInfo).port}`;
      const d = createDashboardClient({ url, apiKey: new Secret('k'), timeoutMs: 2_000, retries: 0, log: captureLog().log });
      await expect(d.updateKey({ token: new Secret('dash-put-form') }, orders())).resolves.toBeUndefined();
    } finally {
      old.close();
    }
  });
});

describe('Dashboard users', () => {
  it('finds a user by email, ignoring case, and the user the bot key belongs to', async () => {
    emu.dashboard.addUser({ email: 'Ana@Example.com', first_name: 'Ana' });
    expect((await c.dashboard.findUserByEmail('ana@example.COM'))?.firstName).toBe('Ana');
    expect(await c.dashboard.findUserByEmail('nobody@example.com')).toBeNull();
    const me = await c.dashboard.me();
    expect(me.id).toBe(emu.dashboard.botUserId);
    expect(me.orgId).toBe(TEST_ORG);
  });

  it('finds its own user by its key when the Dashboard refuses /api/users/me to an API key', async () => {
    emu.faults.failNext(1, { status: 403, match: /^GET \/api\/users\/me/ });
    expect((await c.dashboard.me()).id).toBe(emu.dashboard.botUserId);
    expect(emu.calls.some((x) => x.path === '/api/users' && x.status === 200)).toBe(true);
  });

  it("resets another user's key: the reply has no key, the user record has the new one", async () => {
    const ana = emu.dashboard.addUser({ email: 'ana@example.com' });
    await c.dashboard.resetUserKey(ana.id);
    const key = (await c.dashboard.getUser(ana.id)).accessKey;
    expect(key?.reveal()).toMatch(/\S/);
    expect(key?.reveal()).not.toBe(ana.access_key);
  });

  it('keeps working after rotating its own key, by reading it through the admin API', async () => {
    const me = await c.dashboard.me();
    await c.dashboard.resetUserKey(me.id);
    expect((await failure(c.dashboard.listApis()))?.kind).toBe('unauthorized');
    expect(c.dashboard.hasAdmin).toBe(true);
    const fresh = (await c.dashboard.adminGetUser(me.id)).accessKey;
    c.dashboard.setApiKey(fresh ?? new Secret(''));
    expect((await c.dashboard.me()).id).toBe(me.id);
  });

  it('reports a forbidden reset with the Dashboard message, and needs an admin secret for the admin API', async () => {
    emu.dashboard.forbidAdminReset = true;
    const ana = emu.dashboard.addUser({ email: 'ana@example.com' });
    const err = await failure(c.dashboard.resetUserKey(ana.id));
    expect(err?.kind).toBe('forbidden');
    expect(err?.tykMessage).toContain('access denied');
    const plain = createDashboardClient({ url: emu.url, apiKey: new Secret('test-dashboard-key'), timeoutMs: 2_000, retries: 0, log: captureLog().log });
    expect(plain.hasAdmin).toBe(false);
    await expect(plain.adminGetUser(ana.id)).rejects.toMatchObject({ code: 'NOT_CONFIGURED' });
  });
});

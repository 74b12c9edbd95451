import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../src/secret.js';
import { createDashboardClient } from '../../src/tyk/dashboard.js';
import type { TykError } from '../../src/tyk/errors.js';
import { Session } from '../../src/tyk/session.js';
import { captureLog } from '../harness/capture-log.js';
import { TEST_ORG } from '../harness/tyk-emulator/index.js';
import { emulatorPerTest } from '../tyk-contract/clients.js';

/** A listing (a Set) as an array for the matchers; undefined when listing is disabled. */
const listedArray = (s: Set<string> | null) => (s ? [...s] : undefined);

const orders = (extra: object = {}) =>
  Session.parse({
    org_id: TEST_ORG,
    access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } },
    alias: 'dash',
    ...extra,
  });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as TykError,
  );

const t = emulatorPerTest();

describe('Dashboard keys', () => {
  it('imports a custom key and finds it by token, by hash and by raw value through its API', async () => {
    const raw = new Secret('dash-import-0001');
    const created = await t.c.dashboard.createCustomKey(raw, orders());
    expect(created.keyHash).toMatch(/^[0-9a-f]{16}$/);
    expect(t.emu.consume('orders-api', raw.reveal()).status).toBe(200);
    expect((await t.c.dashboard.getKey({ token: created.token })).alias).toBe('dash');
    expect((await t.c.dashboard.getKey({ hash: created.keyHash ?? '' })).alias).toBe('dash');
    expect((await t.c.dashboard.getKey({ raw, apiId: 'orders-api' })).alias).toBe('dash');
  });

  it('updates with suppress_reset and deletes; a deleted key is not found', async () => {
    const raw = new Secret('dash-update-0001');
    const { token } = await t.c.dashboard.createCustomKey(raw, orders());
    const s = await t.c.dashboard.getKey({ token });
    await t.c.dashboard.updateKey({ token }, { ...s, alias: 'renamed' }, { suppressReset: true });
    expect((await t.c.dashboard.getKey({ token })).alias).toBe('renamed');
    expect(t.emu.calls.some((x) => x.method === 'PUT' && x.query['suppress_reset'] === '1')).toBe(true);
    await t.c.dashboard.deleteKey({ token });
    expect((await failure(t.c.dashboard.getKey({ token })))?.tykMessage).toBe('Could not retrieve key detail.');
  });

  it('creates a generated key whose token works for consumers', async () => {
    const { token } = await t.c.dashboard.createKey(orders());
    expect(t.emu.consume('orders-api', token.reveal()).status).toBe(200);
  });

  it('lists every key in one call (p=-1), and every page of APIs and policies', async () => {
    const hashes = [];
    for (let i = 0; i < 12; i++) hashes.push((await t.c.dashboard.createCustomKey(new Secret(`dash-list-${i}-xyz`), orders())).keyHash);
    const listed = listedArray(await t.c.dashboard.listKeys());
    expect(listed).toEqual(expect.arrayContaining(hashes));
    expect(t.emu.calls.filter((x) => x.path === '/api/apis/keys').map((x) => x.query['p'])).toEqual(['-1']);
    expect((await t.c.dashboard.listApis()).map((a) => a.id)).toEqual(expect.arrayContaining(['orders-api', 'invoices-api', 'oauth-api']));
    expect((await t.c.dashboard.listPolicies()).map((p) => p.id)).toEqual(expect.arrayContaining(['gold-policy', 'silver-policy']));
  });

  it("sums a key's hits and finds its last use from the analytics", async () => {
    const raw = new Secret('dash-activity-1');
    const { keyHash } = await t.c.dashboard.createCustomKey(raw, orders());
    const before = await t.c.dashboard.keyActivity(keyHash ?? '', Date.now() - 86_400_000, Date.now());
    expect(before).toEqual({ hits: 0 });
    for (let i = 0; i < 3; i++) t.emu.consume('orders-api', raw.reveal());
    const after = await t.c.dashboard.keyActivity(keyHash ?? '', Date.now() - 86_400_000, Date.now());
    expect(after.hits).toBe(3);
    expect(after.lastHitMs).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('Dashboard PUT reply forms', () => {
  it('accepts the older {Status, Message} reply to a key update as well as KeyData', async () => {
    const old = createServer((_req, res) => {
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
    t.emu.dashboard.addUser({ email: 'Ana@Example.com', first_name: 'Ana' });
    expect((await t.c.dashboard.findUserByEmail('ana@example.COM'))?.firstName).toBe('Ana');
    expect(await t.c.dashboard.findUserByEmail('nobody@example.com')).toBeNull();
    const me = await t.c.dashboard.me();
    expect(me.id).toBe(t.emu.dashboard.botUserId);
    expect(me.orgId).toBe(TEST_ORG);
  });

  it('finds its own user by its key when the Dashboard refuses /api/users/me to an API key', async () => {
    t.emu.faults.failNext(1, { status: 403, match: /^GET \/api\/users\/me/ });
    expect((await t.c.dashboard.me()).id).toBe(t.emu.dashboard.botUserId);
    expect(t.emu.calls.some((x) => x.path === '/api/users' && x.status === 200)).toBe(true);
  });

  it("resets another user's key: the reply has no key, the user record has the new one", async () => {
    const ana = t.emu.dashboard.addUser({ email: 'ana@example.com' });
    await t.c.dashboard.resetUserKey(ana.id);
    const key = (await t.c.dashboard.getUser(ana.id)).accessKey;
    expect(key?.reveal()).toMatch(/\S/);
    expect(key?.reveal()).not.toBe(ana.access_key);
  });

  it('keeps working after rotating its own key, by reading it through the admin API', async () => {
    const me = await t.c.dashboard.me();
    await t.c.dashboard.resetUserKey(me.id);
    expect((await failure(t.c.dashboard.listApis()))?.kind).toBe('unauthorized');
    expect(t.c.dashboard.hasAdmin).toBe(true);
    const fresh = (await t.c.dashboard.adminGetUser(me.id)).accessKey;
    t.c.dashboard.setApiKey(fresh ?? new Secret(''));
    expect((await t.c.dashboard.me()).id).toBe(me.id);
  });

  it('reports a forbidden reset with the Dashboard message, and needs an admin secret for the admin API', async () => {
    t.emu.dashboard.forbidAdminReset = true;
    const ana = t.emu.dashboard.addUser({ email: 'ana@example.com' });
    const err = await failure(t.c.dashboard.resetUserKey(ana.id));
    expect(err?.kind).toBe('forbidden');
    expect(err?.tykMessage).toContain('access denied');
    const plain = createDashboardClient({
      url: t.emu.url,
      apiKey: new Secret('test-dashboard-key'),
      timeoutMs: 2_000,
      retries: 0,
      log: captureLog().log,
    });
    expect(plain.hasAdmin).toBe(false);
    await expect(plain.adminGetUser(ana.id)).rejects.toMatchObject({ code: 'NOT_CONFIGURED' });
  });
});

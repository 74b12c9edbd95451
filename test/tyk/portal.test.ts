import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { Secret } from '../../src/secret.js';
import type { TykError } from '../../src/tyk/errors.js';
import type { TykEmulator } from '../harness/tyk-emulator/index.js';
import { startTykEmulator } from '../harness/tyk-emulator/index.js';
import { type Clients, clientsFor } from '../tyk-contract/clients.js';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as TykError,
  );

let emu: TykEmulator;
let clock: ManualClock;
let c: Clients;
let world: { appId: number; arId: number; planId: number; productId: number; userId: number };

beforeEach(async () => {
  clock = new ManualClock(Date.now());
  emu = await startTykEmulator({ clock });
  c = clientsFor(emu, { perPage: 2 });
  const user = emu.portal.addUser({ email: 'dev@example.com', first_name: 'Dev' });
  const plan = emu.portal.addPlan({ name: 'Gold plan', apiIds: ['orders-api'] });
  const product = emu.portal.addProduct({ name: 'Orders', apiIds: ['orders-api'] });
  const app = emu.portal.addApp({ name: 'billing', userId: user.id });
  const ar = emu.portal.addAccessRequest(app.id, { planId: plan.id, productIds: [product.id] });
  world = { appId: app.id, arId: ar.id, planId: plan.id, productId: product.id, userId: user.id };
});
afterEach(async () => {
  await emu.close();
});

describe('Portal apps and credentials', () => {
  it('lists apps across pages and reads an app with its access requests', async () => {
    for (const name of ['a', 'b', 'c', 'd']) emu.portal.addApp({ name });
    const apps = await c.portal.listApps();
    expect(apps.map((a) => a.name)).toEqual(['billing', 'a', 'b', 'c', 'd']);
    const app = await c.portal.getApp(world.appId);
    expect(app).toMatchObject({ name: 'billing', userId: world.userId, accessRequestIds: [world.arId] });
    expect((await c.portal.listAccessRequests(world.appId)).map((r) => r.plan)).toEqual(['Gold plan']);
  });

  it('rotates a credential: the reply has none, a re-read shows the new token, the old one stops working', async () => {
    const cred = emu.portal.addCredential(world.appId, world.arId);
    const before = await c.portal.getCredential(world.appId, world.arId, cred.id);
    expect(before.credential.reveal()).toBe(cred.credential);
    expect(emu.consume('orders-api', cred.credential).status).toBe(200);
    await c.portal.rotateCredential(world.appId, world.arId, cred.id);
    const [after] = await c.portal.listCredentials(world.appId, world.arId);
    expect(after?.credential.reveal()).not.toBe(cred.credential);
    expect(after?.credentialHash).not.toBe(cred.credentialHash);
    expect(emu.consume('orders-api', cred.credential).status).toBe(403);
    expect(emu.consume('orders-api', after?.credential.reveal()).status).toBe(200);
  });

  it('reports a rotation of an unknown credential with the portal errors', async () => {
    const err = await failure(c.portal.rotateCredential(world.appId, world.arId, 999));
    expect(err).toMatchObject({ kind: 'bad_request', status: 422, tykMessage: 'credential not found' });
  });
});

describe('Portal custom credentials', () => {
  it('imports an existing key value as a Tyk-managed credential that consumers can use at once', async () => {
    const raw = new Secret('portal-import-0001');
    const created = await c.portal.createCustomCredential(world.appId, {
      Alias: 'legacy',
      Type: 'CREDENTIAL_TYPE_TYK_MANAGED',
      PlanID: world.planId,
      ProductIDs: [world.productId],
      AuthenticationMethod: 'authToken',
      KeyID: raw,
    });
    expect(created).toMatchObject({
      alias: 'legacy',
      planId: String(world.planId),
      productIds: [world.productId],
      authTokenType: 'AUTH_TOKEN_TYPE_CUSTOM',
    });
    expect(emu.consume('orders-api', raw.reveal()).status).toBe(200);
    expect((await c.portal.listCustomCredentials(world.appId)).map((x) => x.id)).toEqual([created.id]);
    await c.portal.deleteCustomCredential(world.appId, created.id);
    expect(await c.portal.listCustomCredentials(world.appId)).toEqual([]);
    clock.advance('11s'); // past the gateway's session cache
    expect(emu.consume('orders-api', raw.reveal()).status).toBe(403);
  });

  it('uses the configured AuthTokenType spelling, and a portal that wants the other one says so', async () => {
    const input = {
      Alias: 'x',
      Type: 'CREDENTIAL_TYPE_CUSTOM' as const,
      PlanID: world.planId,
      ProductIDs: [],
      AuthenticationMethod: 'authToken',
      KeyID: new Secret('portal-spelling-01'),
    };
    const old = clientsFor(emu, { authTokenType: 'AUTH_TOKEN_CUSTOM' });
    const err = await failure(old.portal.createCustomCredential(world.appId, input));
    expect(err).toMatchObject({ kind: 'bad_request', status: 422, tykMessage: 'invalid AuthTokenType: AUTH_TOKEN_CUSTOM' });
    expect(err?.toKeybotError().userMessage).not.toContain('portal-spelling-01');
    expect((await c.portal.createCustomCredential(world.appId, input)).authTokenType).toBe('AUTH_TOKEN_TYPE_CUSTOM');
  });
});

describe('Portal lookups', () => {
  it("reads the developer's email, the plan and the product", async () => {
    expect(await c.portal.getUser(world.userId)).toMatchObject({ email: 'dev@example.com', firstName: 'Dev' });
    expect((await c.portal.getPlan(world.planId)).name).toBe('Gold plan');
    expect((await c.portal.getProduct(world.productId)).name).toBe('Orders');
    expect((await failure(c.portal.getUser(999)))?.kind).toBe('not_found');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyHash, tykToken } from '../../src/tyk/token.js';
import { call, clients } from '../harness/tyk-emulator/http-client.js';
import { startTykEmulator, TEST_ORG, type TykEmulator } from '../harness/tyk-emulator/index.js';

let emu: TykEmulator;
let portal: ReturnType<typeof clients>['portal'];
let appId: number;
let arId: number;

beforeEach(async () => {
  emu = await startTykEmulator();
  portal = clients(emu).portal;
  const d = emu.portal.defaults;
  appId = emu.portal.addApp({ name: 'billing', userId: d.userId }).id;
  arId = emu.portal.addAccessRequest(appId, { planId: d.planId, productIds: [d.productId] }).id;
});
afterEach(() => emu.close());

describe('portal apps and credentials', () => {
  it('needs the raw admin token and lists apps as a bare, paged array', async () => {
    expect(
      (await call(emu.url, 'GET', '/portal-api/apps', { headers: { authorization: `Bearer ${emu.options.portalToken}` } })).status,
    ).toBe(401);
    for (const name of ['b', 'c']) emu.portal.addApp({ name });
    const page2 = (await portal('GET', '/portal-api/apps', { query: { page: '2', per_page: '2' } })).json as Array<{ Name: string }>;
    expect(page2.map((a) => a.Name)).toEqual(['c']);
  });

  it('shows a credential as the gateway token and its murmur64 hash, usable by consumers', async () => {
    const cred = emu.portal.addCredential(appId, arId);
    const listed = (await portal('GET', `/portal-api/apps/${appId}/access-requests/${arId}/credentials`)).json as Array<
      Record<string, unknown>
    >;
    expect(listed).toEqual([
      expect.objectContaining({
        ID: cred.id,
        Credential: cred.credential,
        CredentialHash: keyHash(cred.credential),
        AccessRequest: `AccessRequest#${arId}`,
      }),
    ]);
    expect(emu.consume('orders-api', cred.credential).status).toBe(200);
    const app = (await portal('GET', `/portal-api/apps/${appId}`)).json as { AccessRequests: Array<{ Products: string[]; Plan: string }> };
    expect(app.AccessRequests).toEqual([expect.objectContaining({ Plan: 'free_plan', Products: ['public_product'] })]);
    const ars = (await portal('GET', `/portal-api/apps/${appId}/access-requests`)).json as Array<{ Products: string }>;
    expect(ars[0]?.Products).toBe('public_product');
  });

  it('rotates with PUT and an empty body: the reply has no credential, the old key dies, the new one is read back', async () => {
    const cred = emu.portal.addCredential(appId, arId);
    const r = await portal('PUT', `/portal-api/apps/${appId}/access-requests/${arId}/credentials/${cred.id}/rotate`);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ status: 'ok', message: expect.any(String) });
    expect(r.text).not.toContain('eyJ');
    const [after] = (await portal('GET', `/portal-api/apps/${appId}/access-requests/${arId}/credentials`)).json as Array<{
      Credential: string;
    }>;
    expect(after?.Credential).not.toBe(cred.credential);
    expect(emu.consume('orders-api', cred.credential).status).toBe(403);
    expect(emu.consume('orders-api', after!.Credential).status).toBe(200);
    const unknown = await portal('PUT', `/portal-api/apps/${appId}/access-requests/${arId}/credentials/9999/rotate`);
    expect([unknown.status, unknown.json]).toEqual([422, { status: 'error', errors: [expect.any(String)] }]);
  });

  it('deletes a credential together with its gateway key', async () => {
    const cred = emu.portal.addCredential(appId, arId);
    expect((await portal('DELETE', `/portal-api/apps/${appId}/access-requests/${arId}/credentials/${cred.id}`)).json).toEqual({
      status: 'ok',
    });
    expect(emu.consume('orders-api', cred.credential).status).toBe(403);
    expect((await portal('GET', `/portal-api/apps/${appId}/access-requests/${arId}/credentials/${cred.id}`)).status).toBe(404);
  });

  it('serves users, plans and products by id', async () => {
    const d = emu.portal.defaults;
    expect((await portal('GET', `/portal-api/users/${d.userId}`)).json).toMatchObject({ ID: d.userId, Email: 'developer@example.com' });
    expect((await portal('GET', `/portal-api/plans/${d.planId}`)).json).toMatchObject({ ID: d.planId, Name: 'free_plan' });
    expect((await portal('GET', `/portal-api/products/${d.productId}`)).json).toMatchObject({ APIDetails: [{ APIID: 'orders-api' }] });
    expect((await portal('GET', '/portal-api/plans/9999')).json).toEqual({ errors: ['Plan not found'] });
  });
});

describe('portal custom credentials', () => {
  const create = (body: Record<string, unknown>) =>
    portal('POST', `/portal-api/apps/${appId}/custom_credentials`, {
      body: {
        Alias: 'imported',
        Type: 'CREDENTIAL_TYPE_TYK_MANAGED',
        PlanID: emu.portal.defaults.planId,
        ProductIDs: [],
        AuthenticationMethod: 'authToken',
        ...body,
      },
    });

  it('imports a Tyk-managed token as a gateway key with the plan access, PlanID as a string', async () => {
    const r = await create({ AuthTokenType: 'AUTH_TOKEN_TYPE_CUSTOM', KeyID: 'portal-import-0001' });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      Alias: 'imported',
      PlanID: String(emu.portal.defaults.planId),
      KeyID: 'portal-import-0001',
      AuthTokenType: 'AUTH_TOKEN_TYPE_CUSTOM',
    });
    expect(emu.consume('orders-api', 'portal-import-0001').status).toBe(200);
    expect(emu.consume('reports-api', 'portal-import-0001').status).toBe(403);
    expect(emu.findByRaw('portal-import-0001')?.token).toBe(tykToken(TEST_ORG, 'portal-import-0001', 'murmur64'));
  });

  it('accepts only the configured AuthTokenType spelling and 422s the other', async () => {
    const other = await create({ AuthTokenType: 'AUTH_TOKEN_CUSTOM', KeyID: 'portal-import-0002' });
    expect([other.status, other.json]).toEqual([422, { errors: ['invalid AuthTokenType: AUTH_TOKEN_CUSTOM'] }]);
    emu.options.portalAuthTokenType = 'AUTH_TOKEN_CUSTOM';
    expect((await create({ AuthTokenType: 'AUTH_TOKEN_CUSTOM', KeyID: 'portal-import-0002' })).status).toBe(201);
    expect((await create({ AuthTokenType: 'AUTH_TOKEN_TYPE_CUSTOM', KeyID: 'portal-import-0003' })).status).toBe(422);
  });

  it('reads, renames and deletes a custom credential, deleting its gateway key', async () => {
    const { ID } = (await create({ AuthTokenType: 'AUTH_TOKEN_TYPE_CUSTOM', KeyID: 'portal-import-0004' })).json as { ID: number };
    const path = `/portal-api/apps/${appId}/custom_credentials/${ID}`;
    expect(((await portal('GET', `/portal-api/apps/${appId}/custom_credentials`)).json as unknown[]).length).toBe(1);
    expect((await portal('PUT', path, { body: { Alias: 'renamed', KeyID: 'ignored' } })).json).toMatchObject({
      Alias: 'renamed',
      KeyID: 'portal-import-0004',
    });
    expect((await portal('DELETE', path)).json).toEqual({ status: 'ok', message: expect.any(String) });
    expect(emu.consume('orders-api', 'portal-import-0004').status).toBe(403);
    expect((await portal('GET', path)).status).toBe(404);
  });
});

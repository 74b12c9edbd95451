import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients, type RawReply } from '../harness/tyk-emulator/http-client.js';
import { startTykEmulator, TEST_ORG, type TykEmulator } from '../harness/tyk-emulator/index.js';
import { loadSpec, type SpecCheck } from '../harness/tyk-emulator/spec-check.js';

// copies of Tyk's published specs (test/fixtures/README.md); TYK_SPECS_DIR overrides
const SPECS = process.env['TYK_SPECS_DIR'] ?? resolve(import.meta.dirname, '../fixtures/tyk-specs');
let emu: TykEmulator;
let c: ReturnType<typeof clients>;
let spec: Record<'gateway' | 'dashboard' | 'admin' | 'portal', SpecCheck>;
const orders = {
  org_id: TEST_ORG,
  access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } },
};

beforeAll(async () => {
  emu = await startTykEmulator();
  c = clients(emu);
  const [gateway, dashboard, admin, portal] = await Promise.all(
    ['gateway-openapi-docs.yml', 'dashboard-api.yml', 'dashboard-admin-api.yml', 'portal-api.yaml'].map((f) => loadSpec(`${SPECS}/${f}`)),
  );
  spec = { gateway: gateway!, dashboard: dashboard!, admin: admin!, portal: portal! };
});
afterAll(() => emu.close());

const expectValid = (check: SpecCheck, method: string, path: string, reply: RawReply): void => {
  expect(check.errors(method, path, reply.status, reply.json), `${method} ${path} → ${reply.status}`).toBeUndefined();
};

describe('emulator replies match the OpenAPI files', () => {
  it('gateway keys, catalog and errors', async () => {
    const s = spec.gateway;
    const created = await c.gateway('POST', '/tyk/keys/spec-key-0001', { body: orders });
    expectValid(s, 'POST', '/tyk/keys/{keyID}', created);
    const token = (created.json as { key: string }).key;
    expectValid(s, 'GET', '/tyk/keys/{keyID}', await c.gateway('GET', `/tyk/keys/${token}`));
    emu.options.version = '5.8.6';
    expectValid(s, 'GET', '/tyk/keys/{keyID}', await c.gateway('GET', `/tyk/keys/${token}`));
    emu.options.version = '5.14';
    expectValid(s, 'PUT', '/tyk/keys/{keyID}', await c.gateway('PUT', `/tyk/keys/${token}`, { body: orders }));
    expectValid(s, 'GET', '/tyk/keys/{keyID}', await c.gateway('GET', '/tyk/keys/missing-key'));
    expectValid(s, 'GET', '/tyk/keys', await c.gateway('GET', '/tyk/keys'));
    expectValid(s, 'POST', '/tyk/keys/create', await c.gateway('POST', '/tyk/keys/create', { body: orders }));
    expectValid(s, 'DELETE', '/tyk/keys/{keyID}', await c.gateway('DELETE', `/tyk/keys/${token}`));
    expectValid(s, 'GET', '/tyk/apis', await c.gateway('GET', '/tyk/apis'));
    expectValid(s, 'GET', '/tyk/policies', await c.gateway('GET', '/tyk/policies'));
    expectValid(s, 'GET', '/tyk/apis', await c.anonymous('GET', '/tyk/apis'));
    expectValid(s, 'GET', '/tyk/reload/group', await c.gateway('GET', '/tyk/reload/group'));
  });

  it('gateway OAuth clients', async () => {
    const s = spec.gateway;
    const created = await c.gateway('POST', '/tyk/oauth/clients/create', {
      body: { api_id: 'oauth-api', redirect_uri: 'https://a.example.com' },
    });
    expectValid(s, 'POST', '/tyk/oauth/clients/create', created);
    const id = (created.json as { client_id: string }).client_id;
    emu.oauth.issueToken('oauth-api', id);
    expectValid(s, 'GET', '/tyk/oauth/clients/{apiID}/{keyName}', await c.gateway('GET', `/tyk/oauth/clients/oauth-api/${id}`));
    expectValid(s, 'GET', '/tyk/oauth/clients/{apiID}', await c.gateway('GET', '/tyk/oauth/clients/oauth-api'));
    expectValid(
      s,
      'PUT',
      '/tyk/oauth/clients/{apiID}/{keyName}/rotate',
      await c.gateway('PUT', `/tyk/oauth/clients/oauth-api/${id}/rotate`),
    );
    const tokens = `/tyk/oauth/clients/oauth-api/${id}/tokens`;
    expectValid(s, 'GET', '/tyk/oauth/clients/{apiID}/{keyName}/tokens', await c.gateway('GET', tokens));
    expectValid(s, 'GET', '/tyk/oauth/clients/{apiID}/{keyName}/tokens', await c.gateway('GET', tokens, { query: { page: '1' } }));
    const revoke = await c.gateway('POST', '/tyk/oauth/revoke_all', {
      body: new URLSearchParams({ client_id: id, client_secret: 'x' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectValid(s, 'POST', '/tyk/oauth/revoke_all', revoke);
  });

  it('dashboard and admin', async () => {
    const s = spec.dashboard;
    const created = await c.dashboard('POST', '/api/keys/spec-dash-0001', { body: orders });
    expectValid(s, 'POST', '/api/keys/{keyId}', created);
    const keyId = (created.json as { key_id: string }).key_id;
    expectValid(s, 'GET', '/api/keys/{keyId}', await c.dashboard('GET', `/api/keys/${keyId}`));
    expectValid(s, 'PUT', '/api/keys/{keyId}', await c.dashboard('PUT', `/api/keys/${keyId}`, { body: orders }));
    expectValid(s, 'GET', '/api/apis/keys', await c.dashboard('GET', '/api/apis/keys', { query: { p: '1' } }));
    expectValid(s, 'GET', '/api/apis', await c.dashboard('GET', '/api/apis', { query: { p: '1' } }));
    expectValid(s, 'GET', '/api/portal/policies', await c.dashboard('GET', '/api/portal/policies'));
    emu.consume('orders-api', 'spec-dash-0001');
    const hash = emu.findByRaw('spec-dash-0001')!.keyHash;
    const activity = await c.dashboard('GET', `/api/activity/keys/${hash}/1/1/2020/31/12/2099`);
    expectValid(s, 'GET', '/api/activity/keys/{keyHash}/{startDay}/{startMonth}/{startYear}/{EndDay}/{EndMonth}/{EndYear}', activity);
    expectValid(s, 'DELETE', '/api/keys/{keyId}', await c.dashboard('DELETE', `/api/keys/${keyId}`));
    expectValid(s, 'GET', '/api/keys/{keyId}', await c.dashboard('GET', `/api/keys/${keyId}`));
    expectValid(s, 'GET', '/api/users', await c.dashboard('GET', '/api/users'));
    expectValid(s, 'GET', '/api/users/me', await c.dashboard('GET', '/api/users/me'));
    const bot = emu.dashboard.botUserId;
    expectValid(s, 'GET', '/api/users/{userId}', await c.dashboard('GET', `/api/users/${bot}`));
    expectValid(s, 'GET', '/api/users/{userId}', await c.anonymous('GET', `/api/users/${bot}`));
    const ana = emu.dashboard.addUser({ email: 'ana@example.com' });
    expectValid(s, 'PUT', '/api/users/{userId}/actions/key/reset', await c.dashboard('PUT', `/api/users/${ana.id}/actions/key/reset`));
    const admin = await c.anonymous('GET', `/admin/users/${bot}`, { headers: { 'admin-auth': emu.options.dashboardAdminSecret } });
    expectValid(spec.admin, 'GET', '/admin/users/{userId}', admin);
  });

  it('portal', async () => {
    const s = spec.portal;
    const d = emu.portal.defaults;
    const app = emu.portal.addApp({ name: 'spec-app', userId: d.userId });
    const ar = emu.portal.addAccessRequest(app.id, { planId: d.planId, productIds: [d.productId] });
    const cred = emu.portal.addCredential(app.id, ar.id);
    const base = `/portal-api/apps/${app.id}/access-requests/${ar.id}`;
    expectValid(s, 'GET', '/apps', await c.portal('GET', '/portal-api/apps'));
    expectValid(s, 'GET', '/apps/{app_id}/access-requests/{access-request_id}/credentials', await c.portal('GET', `${base}/credentials`));
    expectValid(
      s,
      'PUT',
      '/apps/{app_id}/access-requests/{access-request_id}/credentials/{credential_id}/rotate',
      await c.portal('PUT', `${base}/credentials/${cred.id}/rotate`),
    );
    expectValid(
      s,
      'PUT',
      '/apps/{app_id}/access-requests/{access-request_id}/credentials/{credential_id}/rotate',
      await c.portal('PUT', `${base}/credentials/999/rotate`),
    );
    const custom = await c.portal('POST', `/portal-api/apps/${app.id}/custom_credentials`, {
      body: {
        Alias: 'x',
        Type: 'CREDENTIAL_TYPE_TYK_MANAGED',
        PlanID: d.planId,
        AuthTokenType: 'AUTH_TOKEN_TYPE_CUSTOM',
        KeyID: 'spec-portal-0001',
      },
    });
    expectValid(s, 'POST', '/apps/{app_id}/custom_credentials', custom);
    const cc = `/portal-api/apps/${app.id}/custom_credentials`;
    const ccId = (custom.json as { ID: number }).ID;
    expectValid(s, 'GET', '/apps/{app_id}/custom_credentials/{credential_id}', await c.portal('GET', `${cc}/${ccId}`));
    expectValid(
      s,
      'PUT',
      '/apps/{app_id}/custom_credentials/{credential_id}',
      await c.portal('PUT', `${cc}/${ccId}`, { body: { Alias: 'y' } }),
    );
    expectValid(s, 'DELETE', '/apps/{app_id}/custom_credentials/{credential_id}', await c.portal('DELETE', `${cc}/${ccId}`));
    expectValid(s, 'POST', '/apps/{app_id}/custom_credentials', await c.portal('POST', cc, { body: { Type: 'nope' } }));
    expectValid(s, 'GET', '/users/{user_id}', await c.portal('GET', `/portal-api/users/${d.userId}`));
    expectValid(s, 'GET', '/products/{product_id}', await c.portal('GET', `/portal-api/products/${d.productId}`));
  });

  it('portal access requests differ from the spec only where real portals do (DeletedAt is "")', async () => {
    const s = spec.portal;
    const d = emu.portal.defaults;
    const app = emu.portal.addApp({ name: 'spec-app-2', userId: d.userId });
    emu.portal.addAccessRequest(app.id, { planId: d.planId });
    const errors = s.errors(
      'GET',
      '/apps/{app_id}/access-requests',
      200,
      (await c.portal('GET', `/portal-api/apps/${app.id}/access-requests`)).json,
    );
    expect(errors).toEqual(['/0/DeletedAt must match pattern "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$"']);
  });
});

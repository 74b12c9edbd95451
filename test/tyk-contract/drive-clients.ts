import { Secret } from '../../src/secret.js';
import { Session } from '../../src/tyk/session.js';
import { TEST_ORG, type TykEmulator } from '../harness/tyk-emulator/index.js';
import type { Clients } from './clients.js';

const orders = (alias: string) =>
  Session.parse({
    org_id: TEST_ORG,
    access_rights: {
      'orders-api': {
        api_id: 'orders-api',
        api_name: 'Orders API',
        versions: ['Default'],
        allowed_urls: [{ url: '/anything', methods: ['GET'] }],
        limit: { rate: 5, per: 1 },
      },
    },
    rate: 10,
    per: 60,
    quota_max: 100,
    quota_renewal_rate: 3600,
    alias,
    tags: ['t'],
    meta_data: { owner_email: 'dev@example.com' },
  });

/** Swallows the expected refusals: their replies are on the wire for the spec check all the same. */
const settle = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    () => undefined,
  );

/** Every Gateway client method, each KeyRef form, and a few refusals. */
export async function driveGateway(c: Clients, emu: TykEmulator): Promise<void> {
  const g = c.gateway;
  const raw = new Secret('spec-gateway-0001');
  const created = await g.createCustomKey(raw, orders('gw'), { suppressReset: true });
  const generated = await g.createKey(orders('gw-generated'), { suppressReset: true });
  const session = await g.getKey({ token: created.token });
  await g.getKey({ hash: created.keyHash ?? '' });
  await g.getKey({ raw, apiId: 'orders-api' });
  await g.getKey({ raw, orgId: TEST_ORG });
  await g.updateKey({ token: created.token }, { ...session, alias: 'gw2' }, { suppressReset: true });
  await g.updateKey({ hash: created.keyHash ?? '' }, session);
  await g.updateKey({ raw, orgId: TEST_ORG }, session);
  await g.listKeys();
  await g.listApis();
  await g.listPolicies();
  await g.deleteKey({ token: generated.token });
  await g.deleteKey({ raw, orgId: TEST_ORG });
  await settle(g.getKey({ token: created.token }));
  await settle(g.deleteKey({ hash: created.keyHash ?? '' }));

  const { client_id } = emu.oauth.addClient('oauth-api', { redirect_uri: 'https://app.example.com/cb' });
  emu.oauth.issueToken('oauth-api', client_id);
  await g.getClient('oauth-api', client_id);
  await g.listClients('oauth-api');
  await g.listTokens('oauth-api', client_id);
  const rotated = await g.rotateClient('oauth-api', client_id);
  await g.revokeAll(client_id, rotated.secret, TEST_ORG);
  await settle(g.rotateClient('oauth-api', 'no-such-client'));
}

/** Every Dashboard client method. */
export async function driveDashboard(c: Clients, emu: TykEmulator): Promise<void> {
  const d = c.dashboard;
  const raw = new Secret('spec-dashboard-0001');
  const created = await d.createCustomKey(raw, orders('dash'));
  const generated = await d.createKey(orders('dash-generated'));
  const session = await d.getKey({ token: created.token });
  await d.getKey({ hash: created.keyHash ?? '' });
  await d.getKey({ raw, apiId: 'orders-api' });
  await d.updateKey({ token: created.token }, { ...session, alias: 'dash2' }, { suppressReset: true });
  await d.listKeys();
  await d.listApis();
  await d.listPolicies();
  await d.keyActivity(created.keyHash ?? '', Date.now() - 86_400_000, Date.now());
  await d.deleteKey({ token: generated.token });
  await settle(d.getKey({ token: generated.token }));

  const ana = emu.dashboard.addUser({ email: 'ana@example.com', first_name: 'Ana', last_name: 'B' });
  await d.getUser(ana.id);
  await d.findUserByEmail('ana@example.com');
  const me = await d.me();
  await d.resetUserKey(ana.id);
  await d.adminGetUser(me.id);
  await settle(d.getUser('no-such-user'));
}

/** Every Portal client method. */
export async function drivePortal(c: Clients, emu: TykEmulator): Promise<void> {
  const p = c.portal;
  const user = emu.portal.addUser({ email: 'dev@example.com', first_name: 'Dev', last_name: 'Eloper' });
  const plan = emu.portal.addPlan({ name: 'Gold', apiIds: ['orders-api'] });
  const product = emu.portal.addProduct({ name: 'Orders', apiIds: ['orders-api'] });
  const app = emu.portal.addApp({ name: 'billing', userId: user.id });
  const ar = emu.portal.addAccessRequest(app.id, { planId: plan.id, productIds: [product.id] });
  const cred = emu.portal.addCredential(app.id, ar.id);
  await p.listApps();
  await p.getApp(app.id);
  await p.listAccessRequests(app.id);
  await p.listCredentials(app.id, ar.id);
  await p.getCredential(app.id, ar.id, cred.id);
  await p.rotateCredential(app.id, ar.id, cred.id);
  await settle(p.rotateCredential(app.id, ar.id, 999));
  const custom = await p.createCustomCredential(app.id, {
    Alias: 'legacy',
    Type: 'CREDENTIAL_TYPE_TYK_MANAGED',
    PlanID: plan.id,
    ProductIDs: [product.id],
    AuthenticationMethod: 'authToken',
    KeyID: new Secret('spec-portal-0001'),
  });
  await p.listCustomCredentials(app.id);
  await p.deleteCustomCredential(app.id, custom.id);
  await p.getUser(user.id);
  await p.getPlan(plan.id);
  await p.getProduct(product.id);
}

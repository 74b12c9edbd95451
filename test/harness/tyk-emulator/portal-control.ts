import type { EmuContext } from './context.js';
import { provisionKey } from './portal-provision.js';
import type { PortalCredentialRec } from './portal-store.js';
import type { PortalControl, PortalCredential } from './types.js';

const toCredential = (c: PortalCredentialRec): PortalCredential => ({
  id: c.id,
  accessRequestId: c.accessRequestId,
  credential: c.token,
  credentialHash: c.hash,
});

/** Test-side setup of portal records, and read-back of what the routes changed. */
export function portalControl(ctx: EmuContext): PortalControl {
  const p = ctx.portal;
  const now = () => ctx.options.clock.now();
  const control: Omit<PortalControl, 'defaults'> = {
    addUser: (u) => {
      const id = p.nextId();
      p.users.set(id, { id, email: u.email, first: u.first_name ?? '', last: u.last_name ?? '', createdAt: now() });
      return { id };
    },
    addPlan: (plan) => {
      const rec = { id: p.nextId(), name: plan.name, apiIds: [...plan.apiIds] };
      p.plans.set(rec.id, rec);
      return { ...rec };
    },
    addProduct: (product) => {
      const rec = { id: p.nextId(), name: product.name, apiIds: [...product.apiIds] };
      p.products.set(rec.id, rec);
      return { id: rec.id };
    },
    addApp: (a) => {
      const rec = { id: p.nextId(), name: a.name, description: a.description ?? '', userId: a.userId ?? 0, createdAt: now() };
      p.apps.set(rec.id, rec);
      return { id: rec.id, name: rec.name, userId: rec.userId };
    },
    addAccessRequest: (appId, r) => {
      if (!p.apps.has(appId)) throw new Error(`portal app ${appId} does not exist`);
      const rec = { id: p.nextId(), appId, planId: r.planId, productIds: r.productIds ?? [], createdAt: now() };
      p.accessRequests.set(rec.id, rec);
      return { id: rec.id, appId, planId: rec.planId, productIds: [...rec.productIds] };
    },
    addCredential: (appId, accessRequestId) => {
      const ar = p.accessRequestOf(appId, accessRequestId);
      if (!ar) throw new Error(`access request ${accessRequestId} of app ${appId} does not exist`);
      const grants = [p.plans.get(ar.planId), ...ar.productIds.map((id) => p.products.get(id))].filter((g) => g !== undefined);
      const outcome = provisionKey(ctx, grants);
      if (outcome.kind !== 'ok') throw new Error(`could not provision the credential's key: ${outcome.kind}`);
      const rec = { id: p.nextId(), accessRequestId, token: outcome.entry.token, hash: outcome.keyHash };
      p.credentials.set(rec.id, rec);
      return toCredential(rec);
    },
    apps: () => [...p.apps.values()].map((a) => ({ id: a.id, name: a.name, userId: a.userId })),
    credentials: (_appId, accessRequestId) => p.credentialsOf(accessRequestId).map(toCredential),
    customCredentials: (appId) =>
      p.customCredentialsOf(appId).map((c) => ({
        id: c.id,
        alias: c.alias,
        type: c.type,
        planId: c.planId,
        authTokenType: c.authTokenType,
        keyId: c.keyId,
        token: c.token,
      })),
  };
  const defaults = {
    userId: control.addUser({ email: 'developer@example.com', first_name: 'Dev', last_name: 'Eloper' }).id,
    planId: control.addPlan({ name: 'free_plan', apiIds: ['orders-api'] }).id,
    productId: control.addProduct({ name: 'public_product', apiIds: ['orders-api'] }).id,
  };
  return { ...control, defaults };
}

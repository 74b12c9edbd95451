import { KeybotError } from '../../errors.js';
import { Secret } from '../../secret.js';
import type { PortalClient } from '../../tyk/portal.js';
import type { PortalNames } from './preview.js';
import type { ImportTarget, Presence } from './target.js';
import type { PortalPlacement } from './types.js';

/**
 * The app, plan and products a Portal import puts its credentials in, with the names the Portal
 * gives them, for approvers. An ID the Portal does not have fails the draft with the Portal's answer.
 */
export async function portalNames(portal: PortalClient, at: PortalPlacement): Promise<PortalNames> {
  const [app, plan, products] = await Promise.all([
    portal.getApp(at.appId),
    portal.getPlan(at.planId),
    Promise.all(at.productIds.map((id) => portal.getProduct(id))),
  ]);
  const named = (x: { id: number; name: string }) => ({ id: x.id, name: x.name });
  return { app: named(app), plan: named(plan), products: products.map(named) };
}

/**
 * Portal custom credentials (docs/tyk-api.md §3): the portal creates the Tyk key itself, with the
 * access and limits of the plan, so a record's own limits are not applied (the preview says so).
 * A credential with the same key value in the app counts as identical; there is no session to compare.
 */
export function portalTarget(portal: PortalClient, at: PortalPlacement): ImportTarget {
  let byKey = new Map<string, number>();
  const load = async () =>
    new Map((await portal.listCustomCredentials(at.appId)).flatMap((c) => (c.keyId ? [[c.keyId.reveal(), c.id] as const] : [])));
  return {
    kind: 'portal',
    async prepare() {
      byKey = await load();
    },
    async presence(key): Promise<Presence> {
      return byKey.has(key.reveal()) ? { exists: true, diff: [] } : { exists: false };
    },
    async create(key, wanted, _extra, overwrite) {
      const known = byKey.get(key.reveal()); // a resumed create that had landed before a crash
      if (known !== undefined) return { handle: new Secret(String(known)), keyHash: null };
      if (overwrite)
        throw new KeybotError('BAD_INPUT', 'Portal custom credentials cannot be overwritten; remove the credential in the portal first.');
      const c = await portal.createCustomCredential(at.appId, {
        Alias: wanted.alias,
        Type: 'CREDENTIAL_TYPE_TYK_MANAGED',
        PlanID: at.planId,
        ProductIDs: at.productIds,
        AuthenticationMethod: 'authToken',
        KeyID: key,
      });
      byKey.set(key.reveal(), c.id);
      return { handle: new Secret(String(c.id)), keyHash: null };
    },
    async missing(created) {
      const ids = new Set((await load()).values());
      const gone = new Set<number>();
      for (const c of created) if (!ids.has(Number(c.handle.reveal()))) gone.add(c.idx);
      return gone;
    },
    async verify(key) {
      return byKey.has(key.reveal()) ? null : 'the portal does not list the credential';
    },
    hashing: () => 'decided by the portal',
    async remove(handle) {
      await portal.deleteCustomCredential(at.appId, Number(handle.reveal()));
      return true;
    },
  };
}

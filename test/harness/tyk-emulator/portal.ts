import type { EmuContext } from './context.js';
import { json, Routes } from './http-kit.js';
import { registerPortalApps } from './portal-apps.js';
import { registerPortalCustomCredentials } from './portal-custom-credentials.js';
import { portalTime } from './portal-render.js';
import { intParam, portalError } from './portal-reply.js';
import type { Surface } from './surface.js';

/** Developer Portal admin API under `/portal-api/`: raw token in `Authorization` (docs/tyk-api.md §3). */
export function portalSurface(ctx: EmuContext): Surface {
  const routes = new Routes()
    .add('GET', '/portal-api/users/{userId}', (req) => {
      const u = ctx.portal.users.get(intParam(req, 'userId'));
      if (!u) return portalError(404, 'User not found');
      const at = portalTime(u.createdAt);
      return json(200, {
        ID: u.id,
        Email: u.email,
        First: u.first,
        Last: u.last,
        Active: true,
        OrganisationID: 0,
        Role: 'consumer-admin',
        Provider: 'password',
        Teams: [],
        CreatedAt: at,
        UpdatedAt: at,
      });
    })
    .add('GET', '/portal-api/plans/{planId}', (req) => {
      const p = ctx.portal.plans.get(intParam(req, 'planId'));
      return p
        ? json(200, { ID: p.id, Name: p.name, DisplayName: p.name, ReferenceID: '', ProviderID: 1 })
        : portalError(404, 'Plan not found');
    })
    .add('GET', '/portal-api/products/{productId}', (req) => {
      const p = ctx.portal.products.get(intParam(req, 'productId'));
      if (!p) return portalError(404, 'Product not found');
      const apis = p.apiIds.map((id) => ctx.options.apis.find((a) => a.api_id === id)).filter((a) => a !== undefined);
      const details = apis.map((a) => ({ APIID: a.api_id, APIType: 'authToken', Name: a.name, ListenPath: a.listen_path }));
      return json(200, { ID: p.id, Name: p.name, DisplayName: p.name, AuthType: 'authToken', APIDetails: details });
    });
  registerPortalApps(routes, ctx);
  registerPortalCustomCredentials(routes, ctx);
  return {
    prefix: '/portal-api/',
    routes,
    management: true,
    authorize: (req) => (req.headers.authorization === ctx.options.portalToken ? undefined : portalError(401, 'unauthorized')), // wording UNVERIFIED
    error: (status, message) => json(status, { status: 'error', errors: [message] }),
    notFound: () => portalError(404, 'Not Found'),
    methodNotAllowed: () => portalError(405, 'Method Not Allowed'),
  };
}

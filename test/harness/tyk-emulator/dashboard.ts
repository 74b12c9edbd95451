import type { EmuContext } from './context.js';
import { registerDashboardCatalog } from './dashboard-catalog.js';
import { registerDashboardKeys } from './dashboard-keys.js';
import { dashboardError } from './dashboard-reply.js';
import { registerAdminUsers, registerDashboardUsers } from './dashboard-users.js';
import { Routes } from './http-kit.js';
import type { Surface } from './surface.js';

const common = {
  management: true,
  error: dashboardError,
  notFound: () => dashboardError(404, 'Not Found'),
  methodNotAllowed: () => dashboardError(405, 'Method Not Allowed'),
};

/** Dashboard API: raw `Authorization` = some user's current access key; `Bearer ` is refused (docs/tyk-api.md §2.1). */
export function dashboardSurface(ctx: EmuContext): Surface {
  const routes = new Routes();
  registerDashboardKeys(routes, ctx);
  registerDashboardCatalog(routes, ctx);
  registerDashboardUsers(routes, ctx);
  return {
    ...common,
    prefix: '/api/',
    routes,
    authorize: (req) => (ctx.users.byAccessKey(req.headers.authorization) ? undefined : dashboardError(401, 'Not authorised')),
  };
}

/** Dashboard Admin API: `admin-auth` header (ADMIN-SPEC). */
export function adminSurface(ctx: EmuContext): Surface {
  const routes = new Routes();
  registerAdminUsers(routes, ctx);
  return {
    ...common,
    prefix: '/admin/',
    routes,
    authorize: (req) =>
      req.headers['admin-auth'] === ctx.options.dashboardAdminSecret ? undefined : dashboardError(401, 'Not authorised'),
  };
}

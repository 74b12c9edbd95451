import type { EmuContext } from './context.js';
import { callerOf } from './dashboard-keys.js';
import { accessDenied, dashboardError, dashboardOk, paginate } from './dashboard-reply.js';
import { type EmuReply, type EmuRequest, json, type Routes } from './http-kit.js';
import { renderUser } from './user-store.js';

const NO_USER = 'Could not retrieve user detail.';

/** Dashboard users and the API-key reset (docs/tyk-api.md §2.3). */
export function registerDashboardUsers(routes: Routes, ctx: EmuContext): void {
  routes
    .add('GET', '/api/users', (req) => {
      const users = ctx.users.all().filter((u) => u.org_id === callerOf(ctx, req).org_id);
      const { items, pages } = paginate(users, req.query['p']);
      return json(200, { users: items.map(renderUser), pages });
    })
    // DASH-SPEC documents /me with the UI session cookie; that an API key works here too is UNVERIFIED
    .add('GET', '/api/users/me', (req) => json(200, renderUser(ctx.users.byId(callerOf(ctx, req).id)!)))
    .add('GET', '/api/users/{userId}', (req) => {
      const user = ctx.users.byId(req.params['userId']!);
      return user && user.org_id === callerOf(ctx, req).org_id ? json(200, renderUser(user)) : dashboardError(404, NO_USER);
    })
    .add('PUT', '/api/users/{userId}/actions/key/reset', (req) => resetKey(ctx, req));
}

/** Reply carries no key: read `access_key` afterwards (docs/tyk-api.md §2.3). */
function resetKey(ctx: EmuContext, req: EmuRequest): EmuReply {
  const caller = callerOf(ctx, req);
  const target = ctx.users.byId(req.params['userId']!);
  if (!target || target.org_id !== caller.org_id) return dashboardError(404, NO_USER);
  if (ctx.users.forbidAdminReset && target.id !== caller.id) return accessDenied(req.path);
  ctx.users.resetKey(target.id);
  return dashboardOk('User session renewed');
}

/** `GET /admin/users/{id}` with `admin-auth` (ADMIN-SPEC): the way to read a key after resetting one's own. */
export function registerAdminUsers(routes: Routes, ctx: EmuContext): void {
  routes.add('GET', '/admin/users/{userId}', (req) => {
    const user = ctx.users.byId(req.params['userId']!);
    return user ? json(200, renderUser(user)) : dashboardError(404, 'Could not retrieve user detail');
  });
}

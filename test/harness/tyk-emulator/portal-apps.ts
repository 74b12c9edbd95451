import type { EmuContext } from './context.js';
import { type EmuReply, type EmuRequest, isRecord, json, parseJson, type Routes } from './http-kit.js';
import { findByToken } from './key-lookup.js';
import { provisionKey } from './portal-provision.js';
import { renderAccessRequest, renderApp, renderCredential } from './portal-render.js';
import { intParam, portalError, portalPage } from './portal-reply.js';
import type { PortalCredentialRec } from './portal-store.js';

const AR = '/portal-api/apps/{appId}/access-requests/{arId}';

/** Apps, access requests and their credentials, including rotation (docs/tyk-api.md §3). */
export function registerPortalApps(routes: Routes, ctx: EmuContext): void {
  routes
    .add('GET', '/portal-api/apps', (req) => json(200, portalPage([...ctx.portal.apps.values()], req.query).map(renderApp)))
    .add('POST', '/portal-api/apps', (req) => createApp(ctx, req))
    .add('GET', '/portal-api/apps/{appId}', (req) => {
      const app = ctx.portal.apps.get(intParam(req, 'appId'));
      if (!app) return portalError(404, 'App not found');
      const requests = ctx.portal.accessRequestsOf(app.id).map((r) => renderAccessRequest(ctx, r, true));
      return json(200, { ...renderApp(app), AccessRequests: requests });
    })
    .add('GET', '/portal-api/apps/{appId}/access-requests', (req) => {
      if (!ctx.portal.apps.has(intParam(req, 'appId'))) return portalError(404, 'App not found');
      const requests = ctx.portal.accessRequestsOf(intParam(req, 'appId'));
      return json(
        200,
        portalPage(requests, req.query).map((r) => renderAccessRequest(ctx, r, false)),
      );
    })
    .add('GET', `${AR}/credentials`, (req) => {
      const ar = ctx.portal.accessRequestOf(intParam(req, 'appId'), intParam(req, 'arId'));
      if (!ar) return portalError(404, 'Access request not found');
      return json(200, portalPage(ctx.portal.credentialsOf(ar.id), req.query).map(renderCredential));
    })
    .add('GET', `${AR}/credentials/{credId}`, (req) => withCredential(ctx, req, 404, (c) => json(200, renderCredential(c))))
    .add('DELETE', `${AR}/credentials/{credId}`, (req) =>
      withCredential(ctx, req, 404, (c) => {
        dropKey(ctx, c.token);
        ctx.portal.credentials.delete(c.id);
        return json(200, { status: 'ok' });
      }),
    )
    .add('PUT', `${AR}/credentials/{credId}/rotate`, (req) => withCredential(ctx, req, 422, (c) => rotate(ctx, c)));
}

function createApp(ctx: EmuContext, req: EmuRequest): EmuReply {
  const body = parseJson(req.body);
  if (!isRecord(body) || typeof body['Name'] !== 'string' || body['Name'] === '') return portalError(422, 'Name is required');
  const id = ctx.portal.nextId();
  const userId = typeof body['UserID'] === 'number' ? body['UserID'] : 0;
  const description = typeof body['Description'] === 'string' ? body['Description'] : '';
  const app = { id, name: body['Name'], description, userId, createdAt: ctx.options.clock.now() };
  ctx.portal.apps.set(id, app);
  return json(201, renderApp(app));
}

/** Rotate answers 422 with `status` for a missing credential; get/delete answer 404 (docs/tyk-api.md §3). */
function withCredential(ctx: EmuContext, req: EmuRequest, missing: 404 | 422, then: (c: PortalCredentialRec) => EmuReply): EmuReply {
  const ar = ctx.portal.accessRequestOf(intParam(req, 'appId'), intParam(req, 'arId'));
  const cred = ar ? ctx.portal.credentials.get(intParam(req, 'credId')) : undefined;
  if (cred && cred.accessRequestId === ar?.id) return then(cred);
  return missing === 422 ? json(422, { status: 'error', errors: ['credential not found'] }) : portalError(404, 'Credential not found');
}

/**
 * A new gateway key with the old one's session, then the old key deleted: no grace window
 * (docs/tyk-api.md §3, UNVERIFIED: assume immediate). The reply carries no credential; the record keeps its
 * ID (UNVERIFIED) and shows the new token only when read again.
 */
function rotate(ctx: EmuContext, c: PortalCredentialRec): EmuReply {
  const ar = ctx.portal.accessRequests.get(c.accessRequestId)!;
  const grants = [ctx.portal.plans.get(ar.planId), ...ar.productIds.map((id) => ctx.portal.products.get(id))].filter(
    (g) => g !== undefined,
  );
  const outcome = provisionKey(ctx, grants);
  if (outcome.kind !== 'ok') return json(422, { status: 'error', errors: ['could not provision a new key'] });
  const old = findByToken(ctx, c.token);
  if (old) ctx.keys.put(outcome.entry.token, outcome.entry.storageKey, { ...old.session }, false);
  dropKey(ctx, c.token);
  ctx.portal.credentials.set(c.id, { ...c, token: outcome.entry.token, hash: outcome.keyHash });
  return json(200, { status: 'ok', message: 'Credential rotated successfully' });
}

function dropKey(ctx: EmuContext, token: string): void {
  const entry = findByToken(ctx, token);
  if (entry) ctx.keys.delete(entry.storageKey);
}

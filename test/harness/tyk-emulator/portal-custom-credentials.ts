import type { EmuContext } from './context.js';
import { type EmuReply, type EmuRequest, isRecord, json, parseJson, type Routes } from './http-kit.js';
import { findByToken } from './key-lookup.js';
import { provisionKey } from './portal-provision.js';
import { renderCustomCredential } from './portal-render.js';
import { intParam, portalError } from './portal-reply.js';
import type { CustomCredentialRec } from './portal-store.js';

const TYPES = ['CREDENTIAL_TYPE_TYK_MANAGED', 'CREDENTIAL_TYPE_CUSTOM'];
const STANDARD_TOKEN = 'AUTH_TOKEN_STANDARD';

/** `/apps/{app_id}/custom_credentials` (docs/tyk-api.md §3; portal 1.12.0+). */
export function registerPortalCustomCredentials(routes: Routes, ctx: EmuContext): void {
  const one = '/portal-api/apps/{appId}/custom_credentials/{credId}';
  routes
    .add('GET', '/portal-api/apps/{appId}/custom_credentials', (req) =>
      ctx.portal.apps.has(intParam(req, 'appId'))
        ? json(200, ctx.portal.customCredentialsOf(intParam(req, 'appId')).map(renderCustomCredential))
        : portalError(404, 'App not found'),
    )
    .add('POST', '/portal-api/apps/{appId}/custom_credentials', (req) => create(ctx, req))
    .add('GET', one, (req) => withCustom(ctx, req, (c) => json(200, renderCustomCredential(c))))
    .add('PUT', one, (req) =>
      withCustom(ctx, req, (c) => {
        const body = parseJson(req.body);
        if (!isRecord(body) || typeof body['Alias'] !== 'string') return portalError(422, 'Alias must be a string');
        const updated = { ...c, alias: body['Alias'], updatedAt: ctx.options.clock.now() }; // only Alias can change
        ctx.portal.customCredentials.set(c.id, updated);
        return json(200, renderCustomCredential(updated));
      }),
    )
    .add('DELETE', one, (req) =>
      withCustom(ctx, req, (c) => {
        const entry = c.token === undefined ? undefined : findByToken(ctx, c.token);
        if (entry) ctx.keys.delete(entry.storageKey);
        ctx.portal.customCredentials.delete(c.id);
        return json(200, { status: 'ok', message: 'Custom credential deleted successfully' });
      }),
    );
}

function withCustom(ctx: EmuContext, req: EmuRequest, then: (c: CustomCredentialRec) => EmuReply): EmuReply {
  const cred = ctx.portal.customCredentials.get(intParam(req, 'credId'));
  return cred && cred.appId === intParam(req, 'appId') ? then(cred) : portalError(404, 'Custom credential not found');
}

/**
 * Import an existing token. `AuthTokenType` accepts the spelling configured in
 * `portalAuthTokenType` (the spec and the how-to page disagree, docs/tyk-api.md §3) and 422s the other one.
 * A Tyk-managed credential creates the gateway key with the plan's access.
 */
function create(ctx: EmuContext, req: EmuRequest): EmuReply {
  const appId = intParam(req, 'appId');
  if (!ctx.portal.apps.has(appId)) return portalError(404, 'App not found');
  const body = parseJson(req.body);
  if (!isRecord(body)) return portalError(422, 'request body must be a JSON object');
  const str = (k: string): string => (typeof body[k] === 'string' ? body[k] : '');
  const type = str('Type');
  if (!TYPES.includes(type)) return portalError(422, `invalid Type: ${type}`);
  const plan = typeof body['PlanID'] === 'number' ? ctx.portal.plans.get(body['PlanID']) : undefined;
  if (!plan) return portalError(422, 'plan not found');
  const productIds = Array.isArray(body['ProductIDs']) ? body['ProductIDs'].filter((n): n is number => typeof n === 'number') : [];
  const tokenType = str('AuthTokenType');
  if (tokenType !== ctx.options.portalAuthTokenType && tokenType !== STANDARD_TOKEN) {
    return portalError(422, `invalid AuthTokenType: ${tokenType}`);
  }
  const keyId = str('KeyID');
  if (tokenType !== STANDARD_TOKEN && keyId === '') return portalError(422, 'KeyID is required for custom tokens');

  let token: string | undefined;
  if (type === 'CREDENTIAL_TYPE_TYK_MANAGED') {
    const products = productIds.map((id) => ctx.portal.products.get(id)).filter((p) => p !== undefined);
    const outcome = provisionKey(ctx, [plan, ...products], tokenType === STANDARD_TOKEN ? undefined : keyId);
    if (outcome.kind === 'too-short') return portalError(422, outcome.message);
    if (outcome.kind === 'refused') return portalError(422, 'could not create the key on the gateway');
    token = outcome.entry.token;
  }
  const now = ctx.options.clock.now();
  const rec: CustomCredentialRec = {
    id: ctx.portal.nextId(),
    appId,
    alias: str('Alias'),
    type,
    planId: plan.id,
    authenticationMethod: str('AuthenticationMethod'),
    productIds,
    authTokenType: tokenType,
    keyId,
    token,
    createdAt: now,
    updatedAt: now,
  };
  ctx.portal.customCredentials.set(rec.id, rec);
  return json(201, renderCustomCredential(rec));
}

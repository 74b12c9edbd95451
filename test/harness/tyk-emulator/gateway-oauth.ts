import type { EmuContext } from './context.js';
import { gatewayError, gatewayOk } from './gateway-reply.js';
import { type EmuReply, type EmuRequest, goJson, isRecord, parseJson, type Routes } from './http-kit.js';
import { newClientId, newClientSecret, type OAuthClient, renderClient } from './oauth-store.js';

const CLIENT = '/tyk/oauth/clients/{apiId}/{clientId}';
const PAGE_SIZE = 100;

/** Gateway OAuth client routes (docs/tyk-api.md §1.6). */
export function registerGatewayOAuth(routes: Routes, ctx: EmuContext): void {
  routes
    .add('POST', '/tyk/oauth/clients/create', (req) => createClient(ctx, req))
    .add('GET', '/tyk/oauth/clients/{apiId}', (req) =>
      findApi(ctx, req) ? goJson(200, ctx.oauth.clients(req.params['apiId']!).map(renderClient)) : gatewayError(404, 'API not found'),
    )
    .add('GET', CLIENT, (req) => withClient(ctx, req, (c) => goJson(200, renderClient(c))))
    .add('PUT', CLIENT, (req) => updateClient(ctx, req))
    .add('DELETE', CLIENT, (req) =>
      withClient(ctx, req, (c) => {
        ctx.oauth.delete(req.params['apiId']!, c.client_id);
        return goJson(200, { key: c.client_id, status: 'ok', action: 'deleted' });
      }),
    )
    .add('PUT', `${CLIENT}/rotate`, (req) => rotateClient(ctx, req))
    .add('GET', `${CLIENT}/tokens`, (req) => withClient(ctx, req, (c) => listTokens(ctx, req, c)))
    .add('POST', '/tyk/oauth/revoke_all', (req) => revokeAll(ctx, req));
}

const findApi = (ctx: EmuContext, req: EmuRequest) => ctx.options.apis.find((a) => a.api_id === req.params['apiId']);

function withClient(ctx: EmuContext, req: EmuRequest, then: (c: OAuthClient) => EmuReply): EmuReply {
  const client = ctx.oauth.client(req.params['apiId']!, req.params['clientId']!);
  return client ? then(client) : gatewayError(404, 'OAuth Client ID not found');
}

function createClient(ctx: EmuContext, req: EmuRequest): EmuReply {
  const body = parseJson(req.body);
  if (!isRecord(body)) return gatewayError(500, 'Unmarshalling failed');
  const str = (k: string): string => (typeof body[k] === 'string' ? body[k] : '');
  let apiIds: string[];
  if (str('api_id') !== '') {
    const api = ctx.options.apis.find((a) => a.api_id === str('api_id'));
    if (!api) return gatewayError(400, "API doesn't exist");
    if (!api.use_oauth2) return gatewayError(400, 'API is not OAuth2');
    apiIds = [api.api_id];
  } else {
    // without api_id the client goes to every OAuth2 API of the policy
    const policy = ctx.options.policies.find((p) => p.id === str('policy_id'));
    if (!policy) return gatewayError(400, "Policy doesn't exist");
    apiIds = Object.keys(policy.access_rights).filter((id) => ctx.options.apis.find((a) => a.api_id === id)?.use_oauth2);
  }
  const client: OAuthClient = {
    client_id: str('client_id') || newClientId(),
    secret: str('secret') || newClientSecret(),
    redirect_uri: str('redirect_uri'),
    description: str('description'),
    policy_id: str('policy_id'),
    meta_data: body['meta_data'] ?? null,
  };
  for (const apiId of apiIds) ctx.oauth.put(apiId, client);
  return goJson(200, renderClient(client));
}

/** Secret kept; a changed policy_id (when one was set) revokes the client's tokens (docs/tyk-api.md §1.6). */
function updateClient(ctx: EmuContext, req: EmuRequest): EmuReply {
  const body = parseJson(req.body);
  if (!isRecord(body)) return gatewayError(500, 'Unmarshalling failed');
  if (!findApi(ctx, req)) return gatewayError(404, "API doesn't exist");
  const policyId = typeof body['policy_id'] === 'string' ? body['policy_id'] : '';
  const policy = ctx.options.policies.find((p) => p.id === policyId);
  if (policyId !== '' && !policy) return gatewayError(404, "Policy doesn't exist");
  return withClient(ctx, req, (c) => {
    if (policy && !(req.params['apiId']! in policy.access_rights)) {
      return gatewayError(400, "Policy access rights doesn't contain API this OAuth client belongs to");
    }
    if (c.policy_id !== '' && c.policy_id !== policyId) ctx.oauth.revoke(req.params['apiId']!, c.client_id);
    const str = (k: string): string => (typeof body[k] === 'string' ? body[k] : '');
    const updated: OAuthClient = {
      ...c,
      redirect_uri: str('redirect_uri'),
      description: str('description'),
      policy_id: policyId,
      meta_data: body['meta_data'] ?? null,
    };
    ctx.oauth.put(req.params['apiId']!, updated);
    return goJson(200, renderClient(updated));
  });
}

/** New server-made secret, same id, tokens untouched: no grace window (docs/tyk-api.md §1.6). */
function rotateClient(ctx: EmuContext, req: EmuRequest): EmuReply {
  const api = findApi(ctx, req);
  if (!api) return gatewayError(404, "API doesn't exist");
  // The gateway dereferences a nil OAuth manager here (code reading, UNVERIFIED): a dropped connection.
  if (!api.use_oauth2) return { status: 500, body: '', headers: {}, destroy: true };
  return withClient(ctx, req, (c) => {
    const rotated = { ...c, secret: newClientSecret() };
    ctx.oauth.put(api.api_id, rotated);
    return goJson(200, renderClient(rotated));
  });
}

/** A plain array, or with `page` the capitalised paginated struct (docs/tyk-api.md §1.6). */
function listTokens(ctx: EmuContext, req: EmuRequest, c: OAuthClient): EmuReply {
  const tokens = ctx.oauth.tokens(req.params['apiId']!, c.client_id);
  if (req.query['page'] === undefined) return goJson(200, tokens);
  const page = Math.max(1, Number.parseInt(req.query['page'], 10) || 1);
  return goJson(200, {
    Pagination: { page_num: page, page_total: Math.ceil(tokens.length / PAGE_SIZE), page_size: PAGE_SIZE },
    Tokens: tokens.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
  });
}

/** Form-encoded; a wrong secret is not reported, nothing is revoked (docs/tyk-api.md §1.6). */
function revokeAll(ctx: EmuContext, req: EmuRequest): EmuReply {
  const form = new URLSearchParams(req.body);
  const clientId = form.get('client_id') ?? '';
  const secret = form.get('client_secret') ?? '';
  if (clientId === '') return gatewayError(401, 'client_id is required');
  if (secret === '') return gatewayError(401, 'client_secret is required');
  const apis = ctx.oauth.apisOf(clientId);
  if (apis.length === 0) return gatewayError(404, "oauth client doesn't exist");
  for (const apiId of apis) if (ctx.oauth.client(apiId, clientId)?.secret === secret) ctx.oauth.revoke(apiId, clientId);
  return gatewayOk('tokens revoked successfully');
}

import { renderApi, renderPolicy } from './catalog-render.js';
import type { EmuContext } from './context.js';
import { registerGatewayKeyList } from './gateway-key-list.js';
import { registerGatewayKeys } from './gateway-keys.js';
import { registerGatewayOAuth } from './gateway-oauth.js';
import { gatewayError, gatewayOk } from './gateway-reply.js';
import { goJson, Routes, text } from './http-kit.js';
import type { Surface } from './surface.js';

/** The gateway control API under `/tyk/` (docs/tyk-api.md §1.1). */
export function gatewaySurface(ctx: EmuContext): Surface {
  const routes = new Routes()
    .add('GET', '/tyk/apis', () => goJson(200, ctx.options.apis.map(renderApi)))
    .add('GET', '/tyk/apis/{apiId}', (req) => {
      const api = ctx.options.apis.find((a) => a.api_id === req.params['apiId']);
      return api ? goJson(200, renderApi(api)) : gatewayError(404, 'API not found');
    })
    .add('GET', '/tyk/policies', () => goJson(200, ctx.options.policies.map(renderPolicy)))
    .add('GET', '/tyk/policies/{policyId}', (req) => {
      const policy = ctx.options.policies.find((p) => p.id === req.params['policyId']);
      return policy ? goJson(200, renderPolicy(policy)) : gatewayError(404, 'Policy not found');
    })
    .add('GET', '/tyk/reload', () => gatewayOk(''))
    .add('GET', '/tyk/reload/group', () => gatewayOk(''));
  registerGatewayKeys(routes, ctx);
  registerGatewayKeyList(routes, ctx);
  registerGatewayOAuth(routes, ctx);
  return {
    prefix: '/tyk/',
    routes,
    management: true,
    // exact match, header name case-insensitive (node lower-cases it) — docs/tyk-api.md §1.1
    authorize: (req) =>
      req.headers['x-tyk-authorization'] === ctx.options.gatewaySecret
        ? undefined
        : gatewayError(403, 'Attempted administrative access with invalid or missing key!'),
    error: gatewayError,
    // gorilla/mux default 404: plain text (UNVERIFIED, docs/tyk-api.md §1.1)
    notFound: () => text(404, '404 page not found\n'),
    methodNotAllowed: () => gatewayError(405, 'Method not supported'),
  };
}

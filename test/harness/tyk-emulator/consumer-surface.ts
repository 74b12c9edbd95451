import { consume } from './consumer.js';
import type { EmuContext } from './context.js';
import { type EmuReply, type EmuRequest, json, Routes, text } from './http-kit.js';
import type { Surface } from './surface.js';
import type { ConsumeResult } from './types.js';

/** Proxy errors use Tyk's `templates/error.json` layout (docs/tyk-api.md §1.5). */
function consumerReply(result: ConsumeResult): EmuReply {
  if (result.status === 200) return json(200, result.body);
  return {
    status: result.status,
    body: `{\n    "error": ${JSON.stringify(result.body.error)}\n}`,
    headers: { 'content-type': 'application/json' },
  };
}

/**
 * The data plane: `/consumer/{api_id}/anything` with the key in `Authorization`. Not a
 * management API, so it gets no latency and no faults.
 */
export function consumerSurface(ctx: EmuContext): Surface {
  const handler = (req: EmuRequest): EmuReply => {
    const auth = req.headers.authorization;
    return consumerReply(consume(ctx, req.params['apiId']!, Array.isArray(auth) ? auth[0] : auth));
  };
  const routes = new Routes();
  for (const method of ['GET', 'POST', 'PUT', 'DELETE']) routes.add(method, '/consumer/{apiId}/anything', handler);
  return {
    prefix: '/consumer/',
    routes,
    management: false,
    authorize: () => undefined,
    error: (status, message) => consumerReply({ status, body: { error: message } }),
    notFound: () => text(404, '404 page not found\n'),
    methodNotAllowed: () => text(405, 'Method Not Allowed\n'),
  };
}

import type { EmuContext } from './context.js';
import { goJson, Routes, text } from './http-kit.js';
import type { Surface } from './surface.js';

/** `GET /hello`, the gateway's health check, with the release it was built as (`gateway/health_check.go`). */
export function healthSurface(ctx: EmuContext): Surface {
  const hello = () => {
    const v = ctx.options.version;
    const release = `v${v.split('.').length === 2 ? `${v}.0` : v}`;
    return goJson(200, { status: 'pass', version: release, description: 'Tyk GW', details: {} });
  };
  return {
    prefix: '/hello/',
    routes: new Routes().add('GET', '/hello', hello),
    management: false,
    authorize: () => undefined,
    error: (status, message) => goJson(status, { status: 'error', message }),
    notFound: () => text(404, '404 page not found\n'),
    methodNotAllowed: () => goJson(405, { status: 'error', message: 'Method Not Allowed' }),
  };
}

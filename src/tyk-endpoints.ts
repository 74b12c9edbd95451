import type { Config } from './config.js';

export interface TykEndpoint {
  service: 'Dashboard' | 'Gateway' | 'Portal';
  variable: string;
  url: string;
  /** what the bot uses it for */
  role: string;
}

/**
 * The Tyk APIs this configuration talks to and what for. Keys go through the Dashboard when one is
 * configured, else the Gateway: an operator must be able to see which one before a key moves.
 */
export function tykEndpoints(config: Config): TykEndpoint[] {
  const { dashboard, gateway, portal } = config.tyk;
  const out: TykEndpoint[] = [];
  if (dashboard) out.push({ service: 'Dashboard', variable: 'TYK_DASHBOARD_URL', url: dashboard.url, role: 'keys, users' });
  if (gateway)
    out.push({
      service: 'Gateway',
      variable: 'TYK_GATEWAY_URL',
      url: gateway.url,
      role: dashboard ? 'OAuth clients' : 'keys, OAuth clients',
    });
  if (portal) out.push({ service: 'Portal', variable: 'TYK_PORTAL_URL', url: portal.url, role: 'credentials' });
  return out;
}

/** One line per endpoint, e.g. `Tyk Dashboard https://dash.example.com (TYK_DASHBOARD_URL): keys, users`. */
export const describeTykEndpoints = (config: Config): string[] =>
  tykEndpoints(config).map((e) => `Tyk ${e.service} ${e.url} (${e.variable}): ${e.role}`);

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Plain-HTTP Tyk URLs to another host: the credential and every key would cross the network in clear. */
export function plainHttpWarnings(config: Config): string[] {
  return tykEndpoints(config).flatMap((e) => {
    const u = new URL(e.url);
    return u.protocol === 'http:' && !LOOPBACK.test(u.hostname)
      ? [`${e.variable} is plain http:// to ${u.host}: its credential and every key travel unencrypted; use https://`]
      : [];
  });
}

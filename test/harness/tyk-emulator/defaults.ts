import { systemClock } from '../../../src/clock.js';
import type { EmulatorApi, EmulatorOptions, EmulatorPolicy, TykEmulatorOptions } from './types.js';

/** The org of every default API, policy and seeded key. */
export const TEST_ORG = '5e9d9544a1dcd60001d0ed20';

const api = (name: string, extra: Partial<EmulatorApi> = {}): EmulatorApi => ({
  api_id: `${name}-api`,
  name: `${name[0]!.toUpperCase()}${name.slice(1)} API`,
  org_id: TEST_ORG,
  listen_path: `/${name}/`,
  ...extra,
});

export const defaultApis = (): EmulatorApi[] => [
  api('orders'),
  api('invoices'),
  api('reports'),
  api('payments'),
  api('oauth', { use_oauth2: true }),
];

const grant = (apiId: string, apiName: string) => ({ [apiId]: { api_id: apiId, api_name: apiName, versions: ['Default'] } });

export const defaultPolicies = (): EmulatorPolicy[] => [
  {
    id: 'gold-policy',
    org_id: TEST_ORG,
    access_rights: { ...grant('orders-api', 'Orders API'), ...grant('invoices-api', 'Invoices API') },
    rate: 100,
    per: 60,
    quota_max: 10000,
    quota_renewal_rate: 3600,
    tags: ['gold'],
    meta_data: { tier: 'gold' },
  },
  {
    id: 'silver-policy',
    org_id: TEST_ORG,
    access_rights: grant('orders-api', 'Orders API'),
    rate: 10,
    per: 60,
    quota_max: -1,
    quota_renewal_rate: 0,
  },
  {
    id: 'inactive-policy',
    org_id: TEST_ORG,
    access_rights: grant('orders-api', 'Orders API'),
    rate: 10,
    per: 60,
    quota_max: -1,
    quota_renewal_rate: 0,
    is_inactive: true,
  },
];

export function resolveOptions(opts: TykEmulatorOptions): EmulatorOptions {
  return {
    gatewaySecret: opts.gatewaySecret ?? 'test-gateway-secret',
    dashboardKey: opts.dashboardKey ?? 'test-dashboard-key',
    dashboardAdminSecret: opts.dashboardAdminSecret ?? 'test-admin-secret',
    portalToken: opts.portalToken ?? 'test-portal-token',
    orgId: opts.orgId ?? TEST_ORG,
    hashKeys: opts.hashKeys ?? true,
    hashKeyFunction: opts.hashKeyFunction ?? 'murmur64',
    enableHashedKeysListing: opts.enableHashedKeysListing ?? true,
    minTokenLength: opts.minTokenLength ?? 0,
    disableCachedSessionState: opts.disableCachedSessionState ?? false,
    version: opts.version ?? '5.14',
    portalAuthTokenType: opts.portalAuthTokenType ?? 'AUTH_TOKEN_TYPE_CUSTOM',
    apis: opts.apis ?? defaultApis(),
    policies: opts.policies ?? defaultPolicies(),
    clock: opts.clock ?? systemClock,
    host: opts.host ?? '127.0.0.1',
    port: opts.port ?? 0,
  };
}

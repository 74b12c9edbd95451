import type { EmulatorApi, EmulatorPolicy } from './types.js';

/** A minimal classic API definition (GW-SPEC `APIDefinition`), shared by Gateway and Dashboard. */
export function renderApi(api: EmulatorApi): Record<string, unknown> {
  return {
    api_id: api.api_id,
    name: api.name,
    org_id: api.org_id,
    active: true,
    use_keyless: false,
    use_oauth2: api.use_oauth2 === true,
    use_standard_auth: api.use_oauth2 !== true,
    auth: { auth_header_name: 'Authorization' },
    proxy: { listen_path: api.listen_path, target_url: 'http://127.0.0.1/upstream', strip_listen_path: true },
    version_data: { not_versioned: true, versions: { Default: { name: 'Default' } } },
  };
}

/** A policy (GW-SPEC / DASH-SPEC `Policy`) without partitions. */
export function renderPolicy(p: EmulatorPolicy): Record<string, unknown> {
  return {
    _id: p.id,
    id: p.id,
    name: p.id,
    org_id: p.org_id,
    access_rights: p.access_rights,
    rate: p.rate,
    per: p.per,
    quota_max: p.quota_max,
    quota_renewal_rate: p.quota_renewal_rate,
    throttle_interval: 0,
    throttle_retry_limit: 0,
    max_query_depth: 0,
    hmac_enabled: false,
    active: true,
    is_inactive: p.is_inactive === true,
    tags: p.tags ?? [],
    meta_data: p.meta_data ?? {},
    key_expires_in: p.key_expires_in ?? 0,
    partitions: { quota: false, rate_limit: false, acl: false, per_api: false },
  };
}

import { isRecord } from './http-kit.js';
import type { Session } from './types.js';

type Kind = 'int' | 'number' | 'bool' | 'string' | 'map' | 'list' | 'struct' | 'time';

/**
 * `user.SessionState` fields in struct order with their Go zero values (docs/tyk-api.md §1.4). Go drops
 * unknown fields on decode, fails on a wrong type, and `KeyID` is `json:"-"` (never echoed).
 * Maps and slices that were never set are nil and encode as `null`.
 */
const FIELDS: Array<[string, Kind, unknown]> = [
  ['last_check', 'int', 0],
  ['allowance', 'number', 0],
  ['rate', 'number', 0],
  ['per', 'number', 0],
  ['throttle_interval', 'number', 0],
  ['throttle_retry_limit', 'int', 0],
  ['max_query_depth', 'int', 0],
  ['date_created', 'time', '0001-01-01T00:00:00Z'],
  ['expires', 'int', 0],
  ['quota_max', 'int', 0],
  ['quota_renews', 'int', 0],
  ['quota_remaining', 'int', 0],
  ['quota_renewal_rate', 'int', 0],
  ['access_rights', 'map', null],
  ['org_id', 'string', ''],
  ['oauth_client_id', 'string', ''],
  ['oauth_keys', 'map', null],
  ['certificate', 'string', ''],
  ['basic_auth_data', 'struct', { password: '', hash_type: '' }],
  ['jwt_data', 'struct', { secret: '' }],
  ['hmac_enabled', 'bool', false],
  ['enable_http_signature_validation', 'bool', false],
  ['hmac_string', 'string', ''],
  ['rsa_certificate_id', 'string', ''],
  ['is_inactive', 'bool', false],
  ['apply_policy_id', 'string', ''],
  ['apply_policies', 'list', null],
  ['data_expires', 'int', 0],
  ['monitor', 'struct', { trigger_limits: null }],
  ['enable_detail_recording', 'bool', false],
  ['enable_detailed_recording', 'bool', false],
  ['meta_data', 'map', null],
  ['tags', 'list', null],
  ['alias', 'string', ''],
  ['last_updated', 'string', ''],
  ['id_extractor_deadline', 'int', 0],
  ['session_lifetime', 'int', 0],
  // newer fields: decoded and echoed when set, but not invented as zero values (which the spec's
  // enum and minimum would reject) since the older gateways that send every field lack them
  ['post_expiry_action', 'string', undefined],
  ['post_expiry_grace_period', 'int', undefined],
  ['smoothing', 'struct', undefined],
];

const KIND = new Map(FIELDS.map(([name, kind]) => [name, kind]));

function fits(kind: Kind, v: unknown): boolean {
  if (v === null) return kind === 'map' || kind === 'list' || kind === 'struct';
  switch (kind) {
    case 'int':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'bool':
      return typeof v === 'boolean';
    case 'string':
    case 'time':
      return typeof v === 'string';
    case 'map':
    case 'struct':
      return isRecord(v);
    case 'list':
      return Array.isArray(v);
  }
}

/** Decodes a session body the way Go would; undefined means "Request malformed". */
export function decodeSession(value: unknown): Partial<Session> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(value)) {
    const kind = KIND.get(name);
    if (kind === undefined) continue;
    if (!fits(kind, v)) return undefined;
    if (kind === 'time' && Number.isNaN(Date.parse(v as string))) return undefined;
    out[name] = structuredClone(v);
  }
  if (out['access_rights'] && !Object.values(out['access_rights'] as object).every(isRecord)) return undefined;
  return out as Partial<Session>;
}

/** Every field, zero values filled in: what gateways before 5.12.0 return. */
export function fullSession(session: Partial<Session>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, , zero] of FIELDS) {
    if (name in session) out[name] = session[name];
    else if (zero !== undefined) out[name] = structuredClone(zero);
  }
  return out;
}

/** `omitzero` output (5.12.0+): zero numbers, false, '', nil or empty lists/maps and zero structs left out. */
export function omitZeroSession(session: Partial<Session>): Record<string, unknown> {
  const full = fullSession(session);
  return Object.fromEntries(Object.entries(full).filter(([name, v]) => !isZero(KIND.get(name)!, v)));
}

function isZero(kind: Kind, v: unknown): boolean {
  if (v === null || v === 0 || v === false || v === '' || v === '0001-01-01T00:00:00Z') return true;
  if (kind === 'list') return (v as unknown[]).length === 0;
  if (kind === 'map') return Object.keys(v as object).length === 0;
  if (kind === 'struct') return Object.values(v as object).every((f) => isZero(Array.isArray(f) ? 'list' : 'int', f));
  return false;
}

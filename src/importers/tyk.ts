import { type BuildContext, buildRecord, type Draft, withCreatedAt } from './build-record.js';
import { optArray, optBoolean, optNumber, optObject, optString, stringsIn } from './field-readers.js';
import { isObject } from './own-property.js';
import type { ParsedDocument } from './parse-document.js';
import { invalidField, RecordError } from './record-error.js';
import type { ImportAccessRight, ImportRecord } from './types.js';

/** The 11 imported fields plus the legacy policy field folded into apply_policies. */
const MAPPED = new Set([
  'alias',
  'rate',
  'per',
  'quota_max',
  'quota_renewal_rate',
  'expires',
  'is_inactive',
  'access_rights',
  'apply_policies',
  'apply_policy_id',
  'meta_data',
  'tags',
]);

/** Runtime state Tyk keeps per key (docs/import-mapping.md §5.3): never copied; `org_id` becomes the target org. */
const RUNTIME = new Set([
  'last_check',
  'allowance',
  'quota_remaining',
  'quota_renews',
  'date_created',
  'last_updated',
  'org_id',
  'id_extractor_deadline',
]);

/** Per-API counters in `limit` are runtime too. */
const LIMIT_RUNTIME = new Set(['quota_remaining', 'quota_renews']);

interface TykEntry {
  ref: string;
  rawKey: unknown;
  hashedOnly: boolean;
  data: unknown;
}

/** Dashboard `GET /api/keys/detailed` (`{keys: [{key_id, key_hash, data}]}`) or a `{"<key>": session}` map (docs/import-mapping.md §5.1). */
export async function* tykRecords(doc: ParsedDocument, ctx: BuildContext): AsyncGenerator<ImportRecord> {
  let index = 0;
  for await (const entry of tykEntries(doc)) {
    yield buildRecord({ index, ref: entry.ref, rawKey: entry.rawKey, hashedOnly: entry.hashedOnly }, ctx, () =>
      withCreatedAt(tykDraft(entry.data), isObject(entry.data) ? entry.data['date_created'] : undefined, ctx),
    );
    index++;
  }
}

/** How many records the export holds, from the first read: a Tyk record list raises no file-level problem, so no counting pass is needed. */
export function tykRecordCount(doc: ParsedDocument): number {
  return isObject(doc.value) && Array.isArray(doc.value.keys) ? doc.entryCount(['keys']) : doc.entryCount([]);
}

async function* tykEntries(doc: ParsedDocument): AsyncGenerator<TykEntry> {
  if (!isObject(doc.value) || !Array.isArray(doc.value.keys)) {
    let n = 0;
    for await (const [key, data] of doc.entries([])) yield { ref: `entry ${++n}`, rawKey: key, hashedOnly: false, data };
    return;
  }
  for await (const [i, item] of doc.entries(['keys'])) {
    const row = isObject(item) ? item : {};
    const keyHash = row.key_hash;
    const hashedOnly = typeof keyHash === 'string' && keyHash !== '' && row.key_id === keyHash;
    yield { ref: `keys[${i}]`, rawKey: row.key_id, hashedOnly, data: row.data };
  }
}

function tykDraft(data: unknown): Draft {
  if (!isObject(data)) throw invalidField('data must be a session object');
  refuseOtherAuthTypes(data);
  const policies = stringsIn(optArray(data, 'apply_policies'), 'apply_policies');
  const legacyPolicy = optString(data, 'apply_policy_id');
  const expires = optNumber(data, 'expires') ?? 0;
  const extra = Object.fromEntries(Object.entries(data).filter(([k]) => !MAPPED.has(k) && !RUNTIME.has(k)));
  return {
    session: {
      alias: optString(data, 'alias') ?? '',
      rate: optNumber(data, 'rate') ?? 0,
      per: optNumber(data, 'per') ?? 0,
      quota_max: optNumber(data, 'quota_max') ?? 0,
      quota_renewal_rate: optNumber(data, 'quota_renewal_rate') ?? 0,
      // -1 and 0 both mean never (docs/import-mapping.md §5.2)
      expires: expires < 1 ? 0 : expires,
      is_inactive: optBoolean(data, 'is_inactive') ?? false,
      access_rights: accessRights(optObject(data, 'access_rights') ?? {}),
      apply_policies: policies.length > 0 ? policies : legacyPolicy ? [legacyPolicy] : [],
      meta_data: { ...(optObject(data, 'meta_data') ?? {}) },
      tags: stringsIn(optArray(data, 'tags'), 'tags'),
    },
    warnings: [],
    extra,
  };
}

/** Basic-auth, mTLS and OAuth sessions are not API keys (docs/import-mapping.md §5.2). */
function refuseOtherAuthTypes(data: Record<string, unknown>): void {
  const basic = isObject(data.basic_auth_data) ? data.basic_auth_data : {};
  const kinds = [
    typeof basic.password === 'string' && basic.password !== '' ? 'basic auth' : undefined,
    typeof data.certificate === 'string' && data.certificate !== '' ? 'a client certificate' : undefined,
    typeof data.oauth_client_id === 'string' && data.oauth_client_id !== '' ? 'OAuth' : undefined,
  ].filter((k) => k !== undefined);
  if (kinds.length > 0) throw new RecordError('unsupported_auth_type', `the session uses ${kinds.join(' and ')}, not an API key`);
}

function accessRights(rights: Record<string, unknown>): Record<string, ImportAccessRight> {
  return Object.fromEntries(
    Object.entries(rights).map(([apiId, right]) => {
      if (!isObject(right)) throw invalidField(`access_rights entry ${apiId} must be an object`);
      const limit = optObject(right, 'limit', `access_rights entry ${apiId} limit`);
      const copy = limit
        ? { ...right, limit: Object.fromEntries(Object.entries(limit).filter(([k]) => !LIMIT_RUNTIME.has(k))) }
        : { ...right };
      return [apiId, copy as ImportAccessRight];
    }),
  );
}

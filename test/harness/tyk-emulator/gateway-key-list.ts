import { keyHash } from '../../../src/tyk/token.js';
import type { EmuContext } from './context.js';
import { gatewayError } from './gateway-reply.js';
import { type EmuReply, type EmuRequest, goJson, parseJson, type Routes } from './http-kit.js';
import type { KeyEntry } from './key-store.js';
import { effectiveSession } from './key-view.js';
import { createKey } from './key-write.js';
import { applyPolicies } from './policy-apply.js';
import { decodeSession } from './session-fields.js';
import { isAtLeast } from './version.js';

/** `GET /tyk/keys` (docs/tyk-api.md §1.3) and `POST /tyk/keys/create` (docs/tyk-api.md §1.3). */
export function registerGatewayKeyList(routes: Routes, ctx: EmuContext): void {
  routes.add('GET', '/tyk/keys', (req) => listKeys(ctx, req)).add('POST', '/tyk/keys/create', (req) => createKeyRoute(ctx, req));
}

function listKeys(ctx: EmuContext, req: EmuRequest): EmuReply {
  if (ctx.options.hashKeys && !ctx.options.enableHashedKeysListing) {
    return gatewayError(404, 'Hashed key listing is disabled in config (enable_hashed_keys_listing)');
  }
  const filter = req.query['filter'] ?? '';
  const apiId = req.query['api_id'];
  if (apiId !== undefined && filter === '' && isAtLeast(ctx.options.version, '5.12')) {
    return gatewayError(400, 'filter is required when api_id is set'); // status per README; wording UNVERIFIED
  }
  const prefixes = filterPrefixes(filter, ctx.options.hashKeys);
  const keys = ctx.keys
    .all()
    .filter((e) => filter === '' || prefixes.some((p) => e.storageKey.startsWith(p)))
    .filter((e) => apiId === undefined || grants(ctx, e, apiId))
    .map((e) => e.storageKey); // Redis key names minus `apikey-`: hashes when hashing is on
  return goJson(200, { keys });
}

/**
 * `handleGetAllKeys`: the filter is a key-name prefix, searched a second time as the base64 of
 * `{"org":"<filter>"` minus its last 2 characters, to catch JSON tokens of that org. Redis'
 * `GetKeys` hashes the filter like a key when hash_keys is on, so there a filter matches (almost)
 * nothing — which is what a real gateway does, not a bug here.
 */
function filterPrefixes(filter: string, hashKeys: boolean): string[] {
  const b64 = Buffer.from(`{"org":"${filter}"`, 'utf8').toString('base64').slice(0, -2);
  return [filter, b64].map((p) => (hashKeys ? keyHash(p) : p));
}

const grants = (ctx: EmuContext, entry: KeyEntry, apiId: string): boolean => apiId in (effectiveSession(ctx, entry).access_rights ?? {});

/** `createKeyHandler`: its own error wording, unlike `POST /tyk/keys` (docs/tyk-api.md §1.3). */
function createKeyRoute(ctx: EmuContext, req: EmuRequest): EmuReply {
  const session = decodeSession(parseJson(req.body));
  if (!session) return gatewayError(500, 'Unmarshalling failed');
  const applied = applyPolicies(session, ctx.options.policies, ctx.options.version);
  if (!applied.ok) return gatewayError(500, `Failed to create key - ${applied.reason}`);
  if (Object.keys(applied.session.access_rights ?? {}).length === 0) {
    return gatewayError(400, 'Failed to create key, keys must have at least one Access Rights record set.');
  }
  const outcome = createKey(ctx, { session, suppressReset: false });
  if (outcome.kind !== 'ok') return gatewayError(500, 'Failed to create key');
  const withHash = ctx.options.hashKeys ? { key_hash: outcome.keyHash } : {};
  return goJson(200, { key: outcome.entry.token, status: 'ok', action: 'added', ...withHash });
}

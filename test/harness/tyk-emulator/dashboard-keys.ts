import { keyHash, tykToken } from '../../../src/tyk/token.js';
import type { EmuContext } from './context.js';
import { dashboardError, dashboardOk, paginate } from './dashboard-reply.js';
import { isHashedQuery, isSuppressReset, SECURITY_REFUSAL } from './gateway-reply.js';
import { type EmuReply, type EmuRequest, json, parseJson, type Routes } from './http-kit.js';
import { findByHash, findByToken } from './key-lookup.js';
import type { KeyEntry } from './key-store.js';
import { renderKey } from './key-view.js';
import { createKey, updateKey, type WriteOutcome } from './key-write.js';
import { decodeSession } from './session-fields.js';
import type { DashboardUser } from './types.js';

/** Dashboard key routes (docs/tyk-api.md §2.2); they act on the same key store as the gateway. */
export function registerDashboardKeys(routes: Routes, ctx: EmuContext): void {
  routes.add('POST', '/api/keys', (req) => postKey(ctx, req, undefined));
  routes.add('POST', '/api/keys/{keyId}', (req) => postKey(ctx, req, req.params['keyId']!));
  routes.add('GET', '/api/keys/detailed', (req) => keysDetailed(ctx, req));
  for (const path of ['/api/keys/{keyId}', '/api/apis/{apiId}/keys/{keyId}']) {
    routes
      .add('GET', path, (req) => withKey(ctx, req, (entry) => json(200, keyData(ctx, entry))))
      .add('PUT', path, (req) => putKey(ctx, req))
      .add('DELETE', path, (req) =>
        withKey(ctx, req, (entry) => {
          ctx.keys.delete(entry.storageKey);
          return dashboardOk('Key deleted successfully.');
        }),
      );
  }
}

export const callerOf = (ctx: EmuContext, req: EmuRequest): DashboardUser => ctx.users.byAccessKey(req.headers.authorization)!;

/** `KeyData`: `key_hash` only means something when hashing is on. */
function keyData(ctx: EmuContext, entry: KeyEntry): Record<string, unknown> {
  return { api_model: {}, key_id: entry.token, data: renderKey(ctx, entry), key_hash: ctx.options.hashKeys ? keyHash(entry.token) : '' };
}

/**
 * `KeysDetailed` (DASH-SPEC `getKeysDetailed`): `{"keys":[KeyData…],"pages":N}` of the caller's org,
 * `p` paged like every Dashboard list, `q` keeps keys whose ID contains the text. Refused like the
 * other listings when hashed keys may not be listed.
 */
function keysDetailed(ctx: EmuContext, req: EmuRequest): EmuReply {
  if (ctx.options.hashKeys && !ctx.options.enableHashedKeysListing) return dashboardError(404, 'Could not retrieve keys.');
  const org = callerOf(ctx, req).org_id;
  const q = req.query['q'] ?? '';
  const { items, pages } = paginate(listed(ctx, org, q), req.query['p']);
  return json(200, { keys: items.map((e) => keyData(ctx, e)), pages });
}

/** The keys of a listing, kept while the store is unchanged: a paged scan of 100,000 keys must not filter them again per page. */
const listings = new WeakMap<EmuContext, { version: number; org: string; q: string; entries: KeyEntry[] }>();
function listed(ctx: EmuContext, org: string, q: string): KeyEntry[] {
  const hit = listings.get(ctx);
  if (hit && hit.version === ctx.keys.version && hit.org === org && hit.q === q) return hit.entries;
  const entries = ctx.keys.all().filter((e) => (e.session.org_id ?? '') === org && e.token.includes(q));
  listings.set(ctx, { version: ctx.keys.version, org, q, entries });
  return entries;
}

function postKey(ctx: EmuContext, req: EmuRequest, id: string | undefined): EmuReply {
  const session = decodeSession(parseJson(req.body));
  if (!session) return dashboardError(403, 'Request body malformed.');
  // An empty org_id becomes the caller's org; whether a different body org is trusted is UNVERIFIED.
  if (!session.org_id) session.org_id = callerOf(ctx, req).org_id;
  return writeReply(ctx, createKey(ctx, { id, session, suppressReset: isSuppressReset(req.query) }));
}

function putKey(ctx: EmuContext, req: EmuRequest): EmuReply {
  const session = decodeSession(parseJson(req.body));
  if (!session) return dashboardError(400, 'User/Key object validation failed, most likely malformed input.');
  if (!session.org_id) session.org_id = callerOf(ctx, req).org_id;
  return withKey(ctx, req, (entry) => writeReply(ctx, updateKey(ctx, entry, session, isSuppressReset(req.query))));
}

function writeReply(ctx: EmuContext, outcome: WriteOutcome): EmuReply {
  switch (outcome.kind) {
    case 'too-short':
      return dashboardError(400, outcome.message);
    case 'refused':
      return dashboardError(500, SECURITY_REFUSAL); // the Dashboard's own wording is UNVERIFIED
    case 'ok':
      return json(200, keyData(ctx, outcome.entry));
  }
}

/**
 * The path id may be the token, the hash (`hashed`, any non-empty value), or — UNVERIFIED — the
 * raw custom id, which the Dashboard is assumed to resolve in the caller's org.
 */
function withKey(ctx: EmuContext, req: EmuRequest, then: (entry: KeyEntry) => EmuReply): EmuReply {
  const id = req.params['keyId']!;
  const caller = callerOf(ctx, req);
  const entry = isHashedQuery(req.query)
    ? findByHash(ctx, id)
    : (findByToken(ctx, id) ?? findByToken(ctx, tykToken(caller.org_id, id, ctx.options.hashKeyFunction)));
  if (!entry) return dashboardError(404, 'Could not retrieve key detail.');
  if ((entry.session.org_id ?? '') !== caller.org_id) return dashboardError(400, 'Attempted access to non-owned key.');
  return then(entry);
}

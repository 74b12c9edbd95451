import type { EmuContext } from './context.js';
import { gatewayError, isHashedQuery, isSuppressReset, SECURITY_REFUSAL } from './gateway-reply.js';
import { type EmuReply, type EmuRequest, goJson, parseJson, type Routes } from './http-kit.js';
import { findByHash, findByIdInOrg } from './key-lookup.js';
import { renderKey } from './key-view.js';
import { createKey, updateKey, type WriteOutcome } from './key-write.js';
import { decodeSession } from './session-fields.js';

/** `/tyk/keys` and `/tyk/keys/{id}` (docs/tyk-api.md §1.3–1.3.5). */
export function registerGatewayKeys(routes: Routes, ctx: EmuContext): void {
  routes
    .add('POST', '/tyk/keys', (req) => postKey(ctx, req, undefined))
    .add('POST', '/tyk/keys/{id}', (req) => postKey(ctx, req, req.params['id']!))
    .add('GET', '/tyk/keys/{id}', (req) => getKey(ctx, req))
    .add('PUT', '/tyk/keys/{id}', (req) => putKey(ctx, req))
    .add('DELETE', '/tyk/keys/{id}', (req) => deleteKey(ctx, req));
}

function postKey(ctx: EmuContext, req: EmuRequest, id: string | undefined): EmuReply {
  const session = decodeSession(parseJson(req.body));
  if (!session) return gatewayError(400, 'Request malformed');
  const hashedStorage = isHashedQuery(req.query);
  const outcome = createKey(ctx, { id, session, suppressReset: isSuppressReset(req.query), hashedStorage });
  return writeReply(outcome, 'added', hashedStorage || ctx.options.hashKeys);
}

function getKey(ctx: EmuContext, req: EmuRequest): EmuReply {
  const id = req.params['id']!;
  if (isHashedQuery(req.query) && !ctx.options.hashKeys) {
    return gatewayError(400, 'Key requested by hash but key hashing is not enabled'); // no period: SPEC≠CODE
  }
  const entry = isHashedQuery(req.query) ? findByHash(ctx, id) : findByIdInOrg(ctx, id, getOrg(ctx, req.query));
  return entry ? goJson(200, renderKey(ctx, entry)) : gatewayError(404, 'Key not found');
}

/** GET takes the org from `api_id`'s API definition; an unknown or absent API leaves `org_id` (handleGetDetail). */
function getOrg(ctx: EmuContext, query: Record<string, string>): string {
  const api = ctx.options.apis.find((a) => a.api_id === query['api_id']);
  return api ? api.org_id : (query['org_id'] ?? '');
}

function putKey(ctx: EmuContext, req: EmuRequest): EmuReply {
  const id = req.params['id']!;
  const session = decodeSession(parseJson(req.body));
  if (!session) return gatewayError(400, 'Request malformed');
  const hashed = isHashedQuery(req.query);
  // PUT finds raw custom ids through the body's org_id (docs/tyk-api.md §1.3)
  const entry = hashed ? findByHash(ctx, id) : findByIdInOrg(ctx, id, session.org_id ?? '');
  if (!entry) return gatewayError(404, 'Key is not found');
  const outcome = updateKey(ctx, entry, session, isSuppressReset(req.query));
  if (outcome.kind !== 'ok') return writeReply(outcome, 'modified', false);
  return goJson(200, { key: hashed ? id : entry.token, status: 'ok', action: 'modified' });
}

function deleteKey(ctx: EmuContext, req: EmuRequest): EmuReply {
  const id = req.params['id']!;
  const hashed = isHashedQuery(req.query);
  // DELETE ignores api_id for the org (docs/tyk-api.md §1.2 table): only org_id derives the token
  const entry = hashed ? findByHash(ctx, id) : findByIdInOrg(ctx, id, req.query['org_id'] ?? '');
  if (!entry) return gatewayError(404, 'There is no such key found'); // also with api_id=-1: the lookup comes first
  if (req.query['api_id'] === '-1') {
    ctx.keys.delete(entry.storageKey);
    return goJson(200, null); // "remove everywhere" replies with a JSON null (docs/tyk-api.md §1.3)
  }
  ctx.keys.delete(entry.storageKey);
  // handleDeleteKey answers with the token it resolved (a raw id never comes back); by hash, the hash
  return goJson(200, { key: hashed ? id : entry.token, status: 'ok', action: 'deleted' });
}

export function writeReply(outcome: WriteOutcome, action: 'added' | 'modified', withHash: boolean): EmuReply {
  switch (outcome.kind) {
    case 'too-short':
      return gatewayError(400, outcome.message);
    case 'refused':
      return gatewayError(500, SECURITY_REFUSAL);
    case 'ok':
      return goJson(200, {
        key: outcome.entry.token,
        status: 'ok',
        action,
        ...(withHash ? { key_hash: outcome.keyHash } : {}),
      });
  }
}

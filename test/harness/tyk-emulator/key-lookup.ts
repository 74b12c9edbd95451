import { tykToken } from '../../../src/tyk/token.js';
import type { EmuContext } from './context.js';
import { type KeyEntry, KeyStore } from './key-store.js';

/** A token or legacy bare id, looked up directly (always works, docs/tyk-api.md §1.2 table row 1). */
export const findByToken = (ctx: EmuContext, token: string): KeyEntry | undefined =>
  ctx.keys.get(KeyStore.storageKeyOf(token, ctx.options.hashKeys));

/** `?hashed=…`: the path id is used as the storage key itself. */
export const findByHash = (ctx: EmuContext, hash: string): KeyEntry | undefined => ctx.keys.get(hash);

/**
 * The id as a token, else token(org, id) (`SessionDetail`): a raw custom id is only found when the
 * caller names the org that created it — GET `api_id`/`org_id`, PUT body `org_id`, DELETE
 * `org_id` (docs/tyk-api.md §1.2 table). Without one the org is '', which finds only org-less keys.
 */
export function findByIdInOrg(ctx: EmuContext, id: string, org: string): KeyEntry | undefined {
  return findByToken(ctx, id) ?? findByToken(ctx, tykToken(org, id, ctx.options.hashKeyFunction));
}

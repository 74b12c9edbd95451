import { keyHash, tykToken } from '../../../src/tyk/token.js';
import type { EmuContext } from './context.js';
import { findByToken } from './key-lookup.js';
import type { KeyEntry } from './key-store.js';
import { applyPolicies } from './policy-apply.js';
import { isTooShortAtAuth } from './version.js';
import type { ConsumeResult, EmulatorApi, Session } from './types.js';

const deny = (status: number, error: string): ConsumeResult => ({ status, body: { error } });
const DISALLOWED = 'Access to this API has been disallowed';

/**
 * The data plane's verdict on one request to `api` (README 1.5), in the middleware order
 * auth key → key expired/inactive → access rights → rate limit → quota.
 */
export function consume(ctx: EmuContext, apiId: string, presented: string | undefined): ConsumeResult {
  const api = ctx.options.apis.find((a) => a.api_id === apiId);
  if (!api) return deny(404, 'API not found');
  const key = (presented ?? '').replace(/^bearer /i, ''); // stripBearer, any case
  if (key === '') return deny(401, 'Authorization field missing');
  if (isTooShortAtAuth(ctx.options.version, key)) return deny(403, DISALLOWED);
  // SessionDetail: token(API org, presented), then the presented value itself (README 1.2)
  const entry = findByToken(ctx, tykToken(api.org_id, key, ctx.options.hashKeyFunction)) ?? findByToken(ctx, key);
  if (!entry) return deny(403, DISALLOWED);
  const applied = applyPolicies(entry.session, ctx.options.policies, ctx.options.version);
  const result = applied.ok ? decide(ctx, api, entry, applied.session) : deny(403, DISALLOWED);
  ctx.activity.record(keyHash(entry.token), apiId, result.status === 200, ctx.options.clock.now());
  return result;
}

function decide(ctx: EmuContext, api: EmulatorApi, entry: KeyEntry, s: Partial<Session>): ConsumeResult {
  const now = ctx.options.clock.now();
  if (s.is_inactive) return deny(403, 'Key is inactive, please renew');
  if ((s.expires ?? 0) >= 1 && now > (s.expires ?? 0) * 1000) return deny(401, 'Key has expired, please renew');
  const rights = s.access_rights ?? {};
  // An empty ACL lets the key into every API of its org (MAPPING.md 0, rule 1)
  const granted = Object.keys(rights).length === 0 ? s.org_id === api.org_id : api.api_id in rights;
  if (!granted) return deny(403, DISALLOWED);
  if (isRateLimited(entry, s, now)) return deny(429, 'Rate Limit Exceeded');
  if (isOverQuota(entry, s, now)) return deny(403, 'Quota exceeded');
  return { status: 200, body: { ok: true, api_id: api.api_id } };
}

/** `rate` requests per `per` seconds, sliding window; rate <= 0 means unlimited. */
function isRateLimited(entry: KeyEntry, s: Partial<Session>, now: number): boolean {
  const rate = s.rate ?? 0;
  const per = s.per ?? 0;
  if (rate <= 0 || per <= 0) return false;
  entry.recentHits = entry.recentHits.filter((t) => t > now - per * 1000);
  if (entry.recentHits.length >= rate) return true;
  entry.recentHits.push(now);
  return false;
}

/** Fixed window that starts at the first request after a reset; quota_max <= 0 means none. */
function isOverQuota(entry: KeyEntry, s: Partial<Session>, now: number): boolean {
  const max = s.quota_max ?? 0;
  if (max <= 0) return false;
  if (entry.quotaWindowEnd !== undefined && now >= entry.quotaWindowEnd) {
    entry.quotaUsed = 0;
    entry.quotaWindowEnd = undefined;
  }
  if (entry.quotaUsed >= max) return true;
  entry.quotaUsed += 1;
  const renewal = s.quota_renewal_rate ?? 0;
  if (entry.quotaWindowEnd === undefined && renewal > 0) entry.quotaWindowEnd = now + renewal * 1000;
  return false;
}

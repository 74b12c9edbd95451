import { keyHash } from '../../../src/tyk/token.js';
import { sessionFor, writeBack } from './consumer-session.js';
import type { EmuContext } from './context.js';
import type { KeyEntry } from './key-store.js';
import { applyPolicies } from './policy-apply.js';
import type { ConsumeResult, EmulatorApi, Session } from './types.js';
import { isTooShortAtAuth } from './version.js';

const deny = (status: number, error: string): ConsumeResult => ({ status, body: { error } });
const DISALLOWED = 'Access to this API has been disallowed';

/** A verdict, and whether the request got as far as counting quota (which marks the session modified). */
interface Verdict {
  result: ConsumeResult;
  countedQuota: boolean;
}

/**
 * The data plane's verdict on one request to `api` (docs/tyk-api.md §1.5), in the middleware order
 * auth key → key expired/inactive → access rights → rate limit → quota.
 */
export function consume(ctx: EmuContext, apiId: string, presented: string | undefined): ConsumeResult {
  const api = ctx.options.apis.find((a) => a.api_id === apiId);
  if (!api) return deny(404, 'API not found');
  const key = (presented ?? '').replace(/^bearer /i, ''); // stripBearer, any case
  if (key === '') return deny(401, 'Authorization field missing');
  if (isTooShortAtAuth(ctx.options.version, key)) return deny(403, DISALLOWED);
  const rs = sessionFor(ctx, api, key);
  if (!rs) return deny(403, DISALLOWED);
  const applied = applyPolicies(rs.session, ctx.options.policies, ctx.options.version);
  const verdict = applied.ok ? decide(ctx, api, rs.counters, applied.session) : { result: deny(403, DISALLOWED), countedQuota: false };
  if (verdict.countedQuota) writeBack(ctx, key, rs);
  ctx.activity.record(keyHash(rs.token), apiId, verdict.result.status === 200, ctx.options.clock.now());
  return verdict.result;
}

function decide(ctx: EmuContext, api: EmulatorApi, entry: KeyEntry, s: Partial<Session>): Verdict {
  const now = ctx.options.clock.now();
  const refuse = (status: number, error: string): Verdict => ({ result: deny(status, error), countedQuota: false });
  if (s.is_inactive) return refuse(403, 'Key is inactive, please renew');
  if ((s.expires ?? 0) >= 1 && now > (s.expires ?? 0) * 1000) return refuse(401, 'Key has expired, please renew');
  const rights = s.access_rights ?? {};
  // An empty ACL lets the key into every API of its org (docs/import-mapping.md 0, rule 1)
  const granted = Object.keys(rights).length === 0 ? s.org_id === api.org_id : api.api_id in rights;
  if (!granted) return refuse(403, DISALLOWED);
  if (isRateLimited(entry, s, now)) return refuse(429, 'Rate Limit Exceeded');
  // RedisQuotaExceeded does nothing for quota_max <= 0; otherwise it counts, even a refused request
  if ((s.quota_max ?? 0) <= 0) return { result: ok(api), countedQuota: false };
  const result = isOverQuota(entry, s, now) ? deny(403, 'Quota exceeded') : ok(api);
  return { result, countedQuota: true };
}

const ok = (api: EmulatorApi): ConsumeResult => ({ status: 200, body: { ok: true, api_id: api.api_id } });

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

/** Fixed window that starts at the first request after a reset; only called for quota_max > 0. */
function isOverQuota(entry: KeyEntry, s: Partial<Session>, now: number): boolean {
  const max = s.quota_max ?? 0;
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

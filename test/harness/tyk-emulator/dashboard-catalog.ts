import { renderApi, renderPolicy } from './catalog-render.js';
import type { EmuContext } from './context.js';
import { callerOf } from './dashboard-keys.js';
import { dashboardError, paginate } from './dashboard-reply.js';
import { type EmuReply, type EmuRequest, json, type Routes } from './http-kit.js';

const ACTIVITY = '/api/activity/keys/{keyHash}/{startDay}/{startMonth}/{startYear}/{endDay}/{endMonth}/{endYear}';

/** Dashboard lists (APIs, policies, keys) and per-key analytics, scoped to the caller's org. */
export function registerDashboardCatalog(routes: Routes, ctx: EmuContext): void {
  routes
    .add('GET', '/api/apis', (req) => {
      const apis = ctx.options.apis.filter((a) => a.org_id === callerOf(ctx, req).org_id);
      const { items, pages } = paginate(apis, req.query['p']);
      return json(200, { apis: items.map((a) => ({ api_definition: renderApi(a), api_model: {} })), pages });
    })
    .add('GET', '/api/portal/policies', (req) => {
      const policies = ctx.options.policies.filter((p) => p.org_id === callerOf(ctx, req).org_id);
      const { items, pages } = paginate(policies, req.query['p']);
      return json(200, { Data: items.map(renderPolicy), Pages: pages });
    })
    .add('GET', '/api/apis/keys', (req) => listKeys(ctx, req))
    .add('GET', ACTIVITY, (req) => keyActivity(ctx, req));
}

/** `{"data":{"keys":[…]},"pages":N}`: hashes when hashing is on, like the gateway listing (docs/tyk-api.md §2.2). */
function listKeys(ctx: EmuContext, req: EmuRequest): EmuReply {
  if (ctx.options.hashKeys && !ctx.options.enableHashedKeysListing) return dashboardError(404, 'Could not retrieve keys.');
  const org = callerOf(ctx, req).org_id;
  const ids = ctx.keys
    .all()
    .filter((e) => (e.session.org_id ?? '') === org)
    .map((e) => e.storageKey);
  const { items, pages } = paginate(ids, req.query['p']);
  return json(200, { data: { keys: items }, pages });
}

/** `AggregateAnalyticsData`, one unit per API and day, end date inclusive (DASH-SPEC). */
function keyActivity(ctx: EmuContext, req: EmuRequest): EmuReply {
  const p = req.params;
  const n = (k: string): number => Number.parseInt(p[k] ?? '', 10);
  const from = Date.UTC(n('startYear'), n('startMonth') - 1, n('startDay'));
  const to = Date.UTC(n('endYear'), n('endMonth') - 1, n('endDay') + 1);
  if (Number.isNaN(from) || Number.isNaN(to)) return dashboardError(400, 'Could not parse dates.'); // wording UNVERIFIED
  const units = ctx.activity.query(p['keyHash']!, from, to);
  const data = units.map((u) => {
    const day = new Date(u.day * 86_400_000);
    const api = ctx.options.apis.find((a) => a.api_id === u.apiId);
    return {
      id: {
        day: day.getUTCDate(),
        month: day.getUTCMonth() + 1,
        year: day.getUTCFullYear(),
        hour: 0,
        code: 0,
        path: '',
        key: p['keyHash'],
        alias: '',
        url: '',
        iso_country: '',
        api_id: u.apiId,
        api_name: api?.name ?? '',
      },
      hits: u.hits,
      success: u.success,
      error: u.error,
      last_hit: new Date(u.lastHit).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      request_time: 0,
      latency: 0,
      upstream_latency: 0,
      max_upstream_latency: 0,
      min_upstream_latency: 0,
      max_latency: 0,
      min_latency: 0,
    };
  });
  return json(200, { data, pages: data.length > 0 ? 1 : 0 });
}

import type { EmuContext } from './context.js';
import type { KeyEntry } from './key-store.js';
import { applyPolicies } from './policy-apply.js';
import { fullSession, omitZeroSession } from './session-fields.js';
import type { Session } from './types.js';
import { omitsZeroFields } from './version.js';

/** The session as the data plane sees it: policies applied (stored value if a policy is missing). */
export function effectiveSession(ctx: EmuContext, entry: KeyEntry): Partial<Session> {
  const applied = applyPolicies(entry.session, ctx.options.policies, ctx.options.version);
  return applied.ok ? applied.session : structuredClone(entry.session);
}

/** Quota left in the live window; a window that has ended counts as full again. */
function quotaRemaining(ctx: EmuContext, entry: KeyEntry, quotaMax: number): number {
  if (quotaMax <= 0) return 0;
  const windowOver = entry.quotaWindowEnd !== undefined && ctx.options.clock.now() >= entry.quotaWindowEnd;
  return Math.max(0, quotaMax - (windowOver ? 0 : entry.quotaUsed));
}

/**
 * `GET /tyk/keys/{id}` body (docs/tyk-api.md §1.3): policy-merged, `quota_remaining` from the live counter
 * (also in per-API limits), full or `omitzero` encoding by gateway version.
 */
export function renderKey(ctx: EmuContext, entry: KeyEntry): Record<string, unknown> {
  const view = effectiveSession(ctx, entry);
  view.quota_remaining = quotaRemaining(ctx, entry, view.quota_max ?? 0);
  for (const right of Object.values(view.access_rights ?? {})) {
    const limit = right.limit as Record<string, unknown> | undefined;
    if (limit && typeof limit['quota_max'] === 'number') limit['quota_remaining'] = quotaRemaining(ctx, entry, limit['quota_max']);
  }
  return omitsZeroFields(ctx.options.version) ? omitZeroSession(view) : fullSession(view);
}

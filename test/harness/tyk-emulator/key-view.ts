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

/** Redis holds a quota counter from the first counted request until its TTL (the renewal rate) runs out or a reset deletes it. */
function hasCounter(ctx: EmuContext, entry: KeyEntry): boolean {
  return entry.quotaUsed > 0 && (entry.quotaWindowEnd === undefined || ctx.options.clock.now() < entry.quotaWindowEnd);
}

/** Per-API limits: quota left in the live window; without a counter, quota_max (handleGetDetail). */
function limitRemaining(ctx: EmuContext, entry: KeyEntry, quotaMax: number): number {
  if (quotaMax <= 0) return 0;
  return Math.max(0, quotaMax - (hasCounter(ctx, entry) ? entry.quotaUsed : 0));
}

/**
 * Session level (handleGetDetail): quota_max minus the counter while one exists; otherwise the stored
 * value — the last request's write-back, or 0 once policies are applied. Unlimited keys show the stored value.
 */
function sessionRemaining(ctx: EmuContext, entry: KeyEntry, view: Partial<Session>): number {
  const max = view.quota_max ?? 0;
  if (max !== -1 && hasCounter(ctx, entry)) return Math.max(0, max - entry.quotaUsed);
  return view.quota_remaining ?? 0;
}

/**
 * `GET /tyk/keys/{id}` body (docs/tyk-api.md §1.3): policy-merged, `quota_remaining` from the live counter
 * when there is one (also in per-API limits), full or `omitzero` encoding by gateway version.
 */
export function renderKey(ctx: EmuContext, entry: KeyEntry): Record<string, unknown> {
  const view = effectiveSession(ctx, entry);
  view.quota_remaining = sessionRemaining(ctx, entry, view);
  for (const right of Object.values(view.access_rights ?? {})) {
    const limit = right.limit as Record<string, unknown> | undefined;
    if (limit && typeof limit['quota_max'] === 'number') limit['quota_remaining'] = limitRemaining(ctx, entry, limit['quota_max']);
  }
  return omitsZeroFields(ctx.options.version) ? omitZeroSession(view) : fullSession(view);
}

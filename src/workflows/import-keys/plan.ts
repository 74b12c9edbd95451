import type { ImportSession } from '../../importers/index.js';
import { type InactiveRule, inactiveSkipReason } from '../../tyk/inactive-rule.js';

/** What a preview knows about the Tyk it plans against. */
export interface PlanContext {
  /** unix seconds: the moment the plan is made */
  now: number;
  /** keys targets only: Portal credentials take their access from the plan */
  keys: { apis: ReadonlySet<string>; policies: ReadonlySet<string>; allowUnknown: boolean; inactiveRule: InactiveRule } | null;
}

export type NotImported = { status: 'skipped' | 'invalid'; reason: string };

/** Tyk would store an already-expired key as never expiring (docs/tyk-behaviour.md §2): skipped, whatever the export time. */
export const hasExpired = (s: ImportSession, now: number): boolean => s.expires > 0 && s.expires <= now;

/**
 * The decisions made before anything is written, so that the preview counts what execution will do
 * (docs/import-mapping.md §0.2, steps after parsing): expired by now, naming an API or policy Tyk
 * does not have, or inactive where this gateway would let its policies make it usable.
 */
export function notImported(s: ImportSession, ctx: PlanContext): NotImported | null {
  if (hasExpired(s, ctx.now)) return { status: 'skipped', reason: 'expired' };
  const k = ctx.keys;
  if (!k) return null;
  if (!k.allowUnknown) {
    const apis = Object.keys(s.access_rights).filter((a) => !k.apis.has(a));
    if (apis.length > 0) return { status: 'invalid', reason: `unknown_api: ${apis.join(', ')}` };
    const policies = s.apply_policies.filter((p) => !k.policies.has(p));
    if (policies.length > 0) return { status: 'invalid', reason: `unknown_policy: ${policies.join(', ')}` };
  }
  if (s.is_inactive) {
    const reason = inactiveSkipReason(k.inactiveRule, s.apply_policies.length > 0);
    if (reason) return { status: 'skipped', reason };
  }
  return null;
}

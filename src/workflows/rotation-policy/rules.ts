import type { Config } from '../../config.js';
import type { RotationRule } from './policy-file.js';

/** What a rule can be matched on: a key's Tyk policies, APIs and tags. */
export interface KeyFacets {
  policies: readonly string[];
  apis: readonly string[];
  tags: readonly string[];
}

/** The rotation policy in force for one key: the first matching rule over the global settings. */
export interface EffectivePolicy {
  /** 0 = no age rule */
  maxAgeMs: number;
  warnBeforeMs: number;
  autoRotate: boolean;
  /** the rule's grace, when it sets one (else the command's --grace or DEFAULT_GRACE) */
  graceMs?: number;
  requiredApprovals: number;
  approvers: string[];
  /** the rule's name, when a rule matched */
  rule?: string;
}

/** Rules are tried in file order; the first one naming one of the key's policies, APIs or tags wins. */
export function ruleFor(rules: readonly RotationRule[], key: KeyFacets): RotationRule | undefined {
  const any = (wanted: string[], have: readonly string[]) => wanted.some((w) => have.includes(w));
  return rules.find((r) => any(r.match.policyIds, key.policies) || any(r.match.apiIds, key.apis) || any(r.match.tags, key.tags));
}

export function policyFor(config: Config, key: KeyFacets): EffectivePolicy {
  const g = config.rotation;
  const rule = ruleFor(g.rules, key);
  return {
    maxAgeMs: rule?.maxAgeMs ?? g.maxAgeMs,
    warnBeforeMs: rule?.warnBeforeMs ?? g.warnBeforeMs,
    autoRotate: rule?.autoRotate ?? g.autoRotate,
    graceMs: rule?.graceMs,
    requiredApprovals: rule?.requiredApprovals ?? config.requiredApprovals,
    approvers: rule?.approvers ?? config.approvers,
    rule: rule?.name,
  };
}

import type { Config } from '../../config.js';
import type { Session } from '../../tyk/session.js';
import type { ApprovalPolicy } from '../requests.js';
import { policyFor } from './rules.js';

/**
 * What a matching KEYBOT_POLICY_FILE rule changes in a rotation of this key: its grace, and who
 * approves how many times. Approvers read both in the approval message.
 */
export function rotationRule(config: Config, s: Session) {
  const p = policyFor(config, { policies: s.apply_policies, apis: Object.keys(s.access_rights), tags: s.tags });
  if (!p.rule) return { graceMs: undefined, approval: undefined, fields: [] };
  const approval: ApprovalPolicy = { required: p.requiredApprovals, approvers: p.approvers, rule: p.rule };
  const n = approval.required;
  return {
    graceMs: p.graceMs,
    approval,
    fields: [
      { label: 'Rotation rule', value: p.rule },
      { label: 'Approval', value: `${n} approval${n === 1 ? '' : 's'} from ${approval.approvers.join(', ')}` },
    ],
  };
}

import { formatDuration } from '../../duration.js';
import { formatTime } from '../../format-time.js';
import type { Session } from '../../tyk/session.js';

/** The lines approvers read about a key: what it grants, never what it is. */
export function describeKey(s: Session, fp: string, graceMs: number, action: string) {
  // Tyk 5.8 leaves api_name and api_id empty in rights that come from a policy; the map key is the API ID.
  const apis = Object.entries(s.access_rights).map(([id, r]) => r.api_name || r.api_id || id);
  return [
    { label: 'Key', value: `${s.alias || '(no alias)'} ${fp}` },
    { label: 'Policies', value: s.apply_policies.length > 0 ? s.apply_policies.join(', ') : 'none' },
    { label: 'APIs', value: apis.length > 0 ? apis.join(', ') : s.apply_policies.length > 0 ? 'from its policies' : 'none' },
    { label: 'Expiry', value: s.expires > 0 ? formatTime(s.expires * 1000) : 'never' },
    { label: 'Grace period', value: `${formatDuration(graceMs)} (both keys work)` },
    {
      label: 'Then the old key is',
      value: action === 'expire' ? 'expired (can be restored)' : action === 'deactivate' ? 'deactivated (can be restored)' : 'deleted',
    },
  ];
}

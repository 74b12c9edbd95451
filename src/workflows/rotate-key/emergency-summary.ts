import type { OldKeyAction } from '../../config.js';
import type { Session } from '../../tyk/session.js';
import { describeKey } from './describe-key.js';

const RETIRED_AS = { delete: 'deleted', expire: 'expired (can be restored)', deactivate: 'deactivated (can be restored)' } as const;

/**
 * What approvers of an emergency read about the key: describeKey's lines, with the grace lines
 * saying that there is none. `replacement` is false for /revoke-key: no new key is made.
 */
export function emergencyFields(s: Session, fp: string, action: OldKeyAction, replacement: boolean) {
  return describeKey(s, fp, 0, action).map((f) =>
    f.label === 'Grace period'
      ? {
          label: 'Grace period',
          value: replacement ? 'none: the old key stops working on approval' : 'none: the key stops working on approval',
        }
      : f.label === 'Then the old key is'
        ? { label: replacement ? 'The old key is' : 'The key is', value: `${RETIRED_AS[action]} at once, even while in use` }
        : f,
  );
}

import type { OldKeyAction } from '../config.js';
import type { RequestRecord } from '../store/requests.js';
import { paramsOf } from './saved.js';

/** An emergency request, for a leaked key: `/rotate-key KEY --now` and every `/revoke-key`. */
export const isEmergency = (r: RequestRecord): boolean =>
  r.kind === 'revoke-key' || (r.kind === 'rotate-key' && paramsOf('rotate-key', r).emergency === true);

/**
 * How an emergency retires a key: `delete`, unless OLD_KEY_ACTION=expire, which keeps the key for
 * Restore. `deactivate` is not used: some gateway versions ignore it for keys with policies, and a
 * leaked key must not depend on a fallback.
 */
export const emergencyAction = (configured: OldKeyAction): OldKeyAction => (configured === 'expire' ? 'expire' : 'delete');

import type { Clock } from '../../clock.js';
import { unixSeconds } from '../../clock.js';
import type { OldKeyAction } from '../../config.js';
import { KeybotError } from '../../errors.js';
import type { KeyRef } from '../../tyk/key-ref.js';
import type { KeyStore } from '../../tyk/key-store.js';
import type { Session } from '../../tyk/session.js';

/** Seconds ahead for `expire`: Tyk ignores an `expires` in the past on write (docs/tyk-api.md §1.3). */
const EXPIRE_LEAD_S = 5;

export interface Retirement {
  action: OldKeyAction;
  /** `deactivate` did not take (a gateway version that ignores is_inactive, 1.5) and `expire` was used */
  fellBack: boolean;
}

/**
 * Makes the old key stop working and reads it back to confirm. `deactivate` falls back to `expire`
 * when the read-back shows the flag was overridden by the key's policies.
 */
export async function retireKey(keys: KeyStore, ref: KeyRef, session: Session, action: OldKeyAction, clock: Clock): Promise<Retirement> {
  if (action === 'delete') {
    await keys.delete(ref);
    if ((await keys.get(ref)) !== null)
      throw new KeybotError('TYK', 'Tyk still has the old key after deleting it; it was not retired.', true);
    return { action, fellBack: false };
  }
  if (action === 'deactivate') {
    await keys.update(ref, { ...session, is_inactive: true }, { suppressReset: true });
    if ((await keys.get(ref))?.is_inactive) return { action, fellBack: false };
    await expire(keys, ref, session, clock);
    return { action: 'expire', fellBack: true };
  }
  await expire(keys, ref, session, clock);
  return { action, fellBack: false };
}

async function expire(keys: KeyStore, ref: KeyRef, session: Session, clock: Clock): Promise<void> {
  const expires = unixSeconds(clock) + EXPIRE_LEAD_S;
  await keys.update(ref, { ...session, expires }, { suppressReset: true });
  const back = await keys.get(ref);
  if (back?.expires !== expires) throw new KeybotError('TYK', 'Tyk did not keep the new expiry of the old key; it was not retired.', true);
}

import type { GoesTo } from '../../store/requests.js';
import type { Session } from '../../tyk/session.js';
import { AUTO_REQUESTER, chooseRecipients, isCliActor, ownerFromMeta } from '../credential/recipients.js';
import type { Directory } from '../notices.js';
import type { GivenAs } from './resolve-key.js';

/**
 * `/rotate-key`'s recipients, decided at draft time so approvers approve exactly who gets the new
 * key: the owner the key's meta data names; the requester too when they typed the key's value (they
 * hold the old key already). A key ID or `hash:` proves nothing: both are shown to people who do not
 * hold the key (Tyk's key lists, results files), so naming a key by them gets the requester no Reveal.
 * An automatic rotation (auto_rotate) of a key with no recorded owner goes to the people who approve
 * it (`approvers`: the rule's, else APPROVERS; groups by their members), to pass on to its clients.
 */
export async function keyRecipients(
  directory: Directory,
  session: Session,
  requester: string,
  givenAs: GivenAs,
  approvers: readonly string[],
): Promise<GoesTo> {
  const owner = await ownerFromMeta(directory, session.meta_data);
  const fallback = requester === AUTO_REQUESTER && !owner.user ? await directory.usersOf(approvers) : [];
  return chooseRecipients(requester, owner, givenAs === 'value' || isCliActor(requester), 'key', fallback);
}

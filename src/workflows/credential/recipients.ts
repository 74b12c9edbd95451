import type { GoesTo } from '../../store/requests.js';
import type { Directory } from '../notices.js';

/** The owner a credential's record names, as a Slack user; `named` is the email that maps to nobody, for the message. */
export interface Owner {
  user: string | null;
  named?: string;
}

const SLACK_USER = /^[UW][A-Z0-9]+$/;

/**
 * The owner named by meta data (a key's or an OAuth client's): `owner_slack_id`, else the Slack
 * user with `owner_email`. An ID that is not a Slack user ID, or an email nobody has, is no owner.
 */
export async function ownerFromMeta(directory: Directory, meta: unknown): Promise<Owner> {
  const m = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : {};
  const slackId = m['owner_slack_id'];
  if (typeof slackId === 'string' && SLACK_USER.test(slackId)) return { user: slackId };
  const email = m['owner_email'];
  if (typeof email !== 'string' || !email.includes('@')) return { user: null };
  return ownerByEmail(directory, email);
}

export async function ownerByEmail(directory: Directory, email: string): Promise<Owner> {
  const user = await directory.userIdByEmail(email);
  return user ? { user } : { user: null, named: email };
}

/** The requester of what the bot drafts itself (auto_rotate): no person, so it can receive nothing. */
export const AUTO_REQUESTER = 'keybot';

/**
 * Who receives a new secret (docs/design.md "Who gets a new secret"): the owner; the requester too
 * only with proof of possession (`proof`: they typed the old value, or run the CLI with the Tyk
 * credentials themselves), as the owner, or when no owner is recorded, which the approval message
 * then says in a `no recorded owner` line. `noun` names the secret in that line. A request the bot
 * drafted itself has no requester to fall back on: then the secret goes to `approvers` (Slack users).
 */
export function chooseRecipients(requester: string, owner: Owner, proof: boolean, noun: string, approvers: readonly string[] = []): GoesTo {
  if (!owner.user) {
    const why = owner.named ? ` (no Slack user has the owner email ${owner.named})` : '';
    if (requester === AUTO_REQUESTER)
      return { to: [...approvers], note: `There is no recorded owner${why}: the new ${noun} goes to the approvers.` };
    return { to: [requester], note: `There is no recorded owner${why}: the new ${noun} goes to the requester.` };
  }
  return { to: proof || owner.user === requester ? [...new Set([owner.user, requester])] : [owner.user] };
}

/** A CLI operator holds the Tyk credentials and could read the secret anyway: that is their proof. */
export const isCliActor = (requester: string): boolean => requester.startsWith('cli:');

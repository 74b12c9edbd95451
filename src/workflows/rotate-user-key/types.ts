/** Stored with a /rotate-user-key request: who, and the old key's fingerprint, never a key. */
export interface UserKeyParams {
  userId: string;
  email: string;
  /** the user is the one the bot itself works as (its TYK_DASHBOARD_API_KEY) */
  self: boolean;
  fingerprint: string;
  /** the Slack user with the Dashboard user's email, else the requester */
  revealTo: string;
  /** false: no Slack user has that email, so the requester gets the key (and is told why) */
  matched: boolean;
  /** who gets the new key, as the approval message named them (absent in older requests: revealTo) */
  recipients?: string[];
}

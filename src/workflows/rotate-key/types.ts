import type { OldKeyAction } from '../../config.js';

/** Stored with the request; display data and vault IDs only, never a key value. */
export interface RotationParams {
  alias: string;
  /** fingerprint of what the requester gave (the value the consumer sends, or the key ID) */
  fingerprint: string;
  graceMs: number;
  action: OldKeyAction;
  /** vault ID of the old key's management reference (StoredRef) */
  oldRef: string;
  /** fingerprints of the old key's identifiers (the request's refs also hold the new key's) */
  oldRefs: string[];
  /** `--now` (and every /revoke-key): no grace, no reminders; the old key is retired at once and confirmed dead */
  emergency?: boolean;
  /** who gets the new key, as the approval message named them (absent in requests drafted before this rule) */
  recipients?: string[];
}

export type Usage = 'in-use' | 'idle' | 'unknown';

/** Progress of a rotation, kept in `requests.state`. */
export interface RotationState {
  /** vault ID of the new key's management reference */
  newRef?: string;
  newFingerprint?: string;
  graceStartedAt?: number;
  retireAt?: number;
  /** bumped at every (re)scheduling; jobs of an older round do nothing */
  round?: number;
  quotaSample?: { remaining: number; at: number };
  heldSince?: number;
  retiredAt?: number;
  retiredBy?: string;
  retiredWith?: OldKeyAction;
  /** what the old key had before retirement, for Restore */
  before?: { expires: number; is_inactive: boolean };
  restoredAt?: number;
  /** the last time a confirmation re-applied the retirement (the session cache had written the key back) */
  reappliedAt?: number;
  /** emergency: when the bot confirmed the old key refused, a whole cache window after the last write */
  deadAt?: number;
  cancelledAt?: number;
  cancelledBy?: string;
}

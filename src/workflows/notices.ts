import type { OldKeyAction } from '../config.js';
import type { RequestRecord } from '../store/requests.js';
import type { Say } from './say.js';

/**
 * What workflows tell people. Workflows never import Slack: they hand a Notice to the Notifier,
 * and each surface (Slack, CLI) renders it. A Notice carries display data only, never a secret,
 * and no surface's markup: a known event is its own member with its data (who, which key, when),
 * and each surface words it; `progress` is for a generic sentence that names nobody.
 */
export type Notice =
  /** the newest row of the chained history, posted daily to NOTIFY_CHANNEL so a rewrite shows from outside the database */
  | { type: 'chain-head'; seq: number; mac: string; at: number }
  | { type: 'approval-requested'; request: RequestRecord }
  | { type: 'vote-recorded'; request: RequestRecord; approvers: string[]; needed: number }
  | { type: 'decided'; request: RequestRecord; decision: 'approved' | 'rejected'; by: string[]; at: number; reason?: string }
  | { type: 'expired'; request: RequestRecord }
  | { type: 'cancelled'; request: RequestRecord; by: string }
  /** a generic line in the request's thread */
  | { type: 'progress'; request: RequestRecord; text: string }
  | { type: 'failed'; request: RequestRecord; message: string; incident?: string }
  /** the request's last word in its thread (who got the new value: a Say) */
  | { type: 'succeeded'; request: RequestRecord; text: Say }
  | { type: 'reveal-ready'; request: RequestRecord; recipient: string; revealId: string; what: string; expiresAt: number; note?: Say }
  /** a request keybot drafted itself still waits; its approvers (user and group IDs) are reminded */
  | { type: 'still-waiting'; request: RequestRecord; approvers: string[] }
  /** break glass: a second approver (`by`) acknowledged the self-approval of `approver` */
  | { type: 'break-glass-acknowledged'; request: RequestRecord; by: string; approver: string }
  /** rotation: someone moved retirement later (within MAX_GRACE) */
  | { type: 'grace-extended'; request: RequestRecord; by: string; fingerprint: string; retireAt: number }
  /** rotation: someone cancelled the retirement; both keys stay */
  | { type: 'retirement-cancelled'; request: RequestRecord; by: string; fingerprint: string }
  /** rotation or revocation: the retired old key works again (`revoked`: it was a /revoke-key) */
  | { type: 'key-restored'; request: RequestRecord; by: string; fingerprint: string; revoked: boolean }
  /** rotation: Restore gave up */
  | { type: 'restore-failed'; request: RequestRecord; message: string }
  /** rotation: a gateway's session cache wrote the retired old key back, and retirement was applied again (`last`: the bot stops) */
  | { type: 'retirement-reapplied'; request: RequestRecord; fingerprint: string; attempt: number; last: boolean }
  /** a step after the main one (an import's report or undo) gave up */
  | { type: 'step-failed'; request: RequestRecord; step: string; message: string }
  /** rotation: before retirement, or instead of it while the old key is still in use (`held`) */
  | {
      type: 'reminder';
      request: RequestRecord;
      retireAt: number;
      usage: 'in-use' | 'idle' | 'unknown';
      held: boolean;
      /** why a hold: the old key is in use (default), or nobody revealed the new key before REVEAL_TTL erased it */
      heldFor?: 'in-use' | 'unrevealed';
    }
  | { type: 'retired'; request: RequestRecord; action: OldKeyAction; fellBack: boolean; by: string }
  /** emergency: the old key is confirmed refused (told in the thread and to the requester) */
  | { type: 'key-dead'; request: RequestRecord; fingerprint: string; alias: string; retiredAt: number }
  /** break glass: an approver approved their own emergency request; another approver is asked to acknowledge */
  | { type: 'break-glass-review'; request: RequestRecord; approver: string; dueAt: number; reminder: boolean }
  | { type: 'break-glass-lapsed'; request: RequestRecord; approver: string }
  /** import: a running batch (edits one message in the thread) */
  | { type: 'import-progress'; request: RequestRecord; done: number; total: number; counts: Record<string, number>; etaMs: number | null }
  /** import: the last message of a batch, and its results file (fingerprints, never values) */
  | {
      type: 'import-report';
      request: RequestRecord;
      outcome: 'finished' | 'failed' | 'cancelled' | 'undone';
      /** after the headline, which the surface writes from the request (outcome, records, files, target) */
      lines: string[];
      csv: () => Iterable<string>;
      filename: string;
      undoable: boolean;
    };

export interface Notifier {
  send(notice: Notice): Promise<void>;
}

/** Who may approve, and who someone is on Slack; implemented by the Slack layer (cached there). */
export interface Directory {
  /** `approvers`: the user and group IDs that decide (a rotation rule's), default APPROVERS */
  isApprover(userId: string, approvers?: readonly string[]): Promise<boolean>;
  /** The Slack users among `ids` (user and group IDs, as in APPROVERS): users as named, groups by their members. */
  usersOf(ids: readonly string[]): Promise<string[]>;
  userIdByEmail(email: string): Promise<string | null>;
}

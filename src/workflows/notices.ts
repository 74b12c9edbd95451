import type { OldKeyAction } from '../config.js';
import type { RequestRecord } from '../store/requests.js';

/**
 * What workflows tell people. Workflows never import Slack: they hand a Notice to the Notifier,
 * and each surface (Slack, CLI) renders it. A Notice carries display data only, never a secret.
 */
export type Notice =
  /** the newest row of the chained history, posted daily to NOTIFY_CHANNEL so a rewrite shows from outside the database */
  | { type: 'chain-head'; seq: number; mac: string; at: number }
  | { type: 'approval-requested'; request: RequestRecord }
  | { type: 'vote-recorded'; request: RequestRecord; approvers: string[]; needed: number }
  | { type: 'decided'; request: RequestRecord; decision: 'approved' | 'rejected'; by: string[]; at: number; reason?: string }
  | { type: 'expired'; request: RequestRecord }
  | { type: 'cancelled'; request: RequestRecord; by: string }
  | { type: 'progress'; request: RequestRecord; text: string }
  | { type: 'failed'; request: RequestRecord; message: string; incident?: string }
  | { type: 'succeeded'; request: RequestRecord; text: string }
  | { type: 'reveal-ready'; request: RequestRecord; recipient: string; revealId: string; what: string; expiresAt: number; note?: string }
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

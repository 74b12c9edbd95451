import type Database from 'better-sqlite3';
import { KeybotError } from '../errors.js';
import type { Db } from './open-database.js';

export type RequestStatus = 'pending' | 'approved' | 'running' | 'succeeded' | 'failed' | 'partial' | 'rejected' | 'expired' | 'cancelled';
export type RequestKind =
  | 'rotate-key'
  | 'extend-grace'
  | 'import-keys'
  | 'rotate-secret'
  | 'rotate-user-key'
  | 'rotate-credential'
  | 'revoke-key'
  | 'test';

export const TERMINAL: readonly RequestStatus[] = ['succeeded', 'failed', 'partial', 'rejected', 'expired', 'cancelled'];

/**
 * Every move a request's status may make; `transition()` refuses any other. A request is decided
 * once (pending → approved, rejected, cancelled or expired), runs once, and ends once: a terminal
 * status has no way out.
 */
export const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  pending: ['approved', 'rejected', 'cancelled', 'expired'],
  // an import's batch may finish (or fail) before anything marked it running
  approved: ['running', 'succeeded', 'partial', 'failed'],
  running: ['succeeded', 'partial', 'failed'],
  succeeded: [],
  failed: [],
  partial: [],
  rejected: [],
  expired: [],
  cancelled: [],
};

/** What the approval message and /key-history show: labels and values, never a secret. */
export interface RequestSummary {
  title: string;
  fields: Array<{ label: string; value: string }>;
  warnings?: string[];
  /** requests drafted before importPreview: the preview as text, posted (escaped) in the approval thread */
  details?: string;
  /** an import's preview, posted in the approval message's thread (every value escaped there) */
  importPreview?: ImportPreview;
  /** requests that create a secret: who will hold it (Slack user IDs, or `cli:<user>`) */
  goesTo?: GoesTo;
}

/** A Portal object as approvers see it. */
export interface NamedId {
  id: number;
  name: string;
}

/**
 * What approvers read before an import: data only; the Slack builder escapes every value and the
 * CLI prints it as text. The lists that decide what a batch grants or replaces (policies, APIs,
 * overwritten keys, Portal placement) are whole: a surface that cannot show them all attaches them.
 */
export interface ImportPreview {
  total: number;
  files: Array<{ name: string; role: string }>;
  counts: { new: number; identical: number; conflict: number; skipped: number; invalid: number };
  target: string;
  hashing: string;
  onConflict: string;
  allOrNothing: boolean;
  withoutExpiry: number;
  /** unix seconds */
  exportTime: number;
  /** Kong TTLs count from the export time */
  ttlsFromExportTime: boolean;
  /** Dashboard and Gateway keys: every policy and API the batch grants. Absent for Portal credentials (the plan decides). */
  grants?: { policies: string[]; apis: string[] };
  /** Portal credentials: where they go */
  portal?: { app: NamedId; plan: NamedId; products: NamedId[] };
  /** on conflict overwrite: every existing key the batch replaces, by place and fingerprint */
  overwrites: string[];
  /** the first problems with their place */
  problems: string[];
}

/** The recipients of a new secret as approvers see them; `note` (plain text) says why when it is not the owner. */
export interface GoesTo {
  to: string[];
  note?: string;
}

export interface RequestRecord<P = unknown, S = Record<string, unknown>> {
  id: string;
  kind: RequestKind;
  status: RequestStatus;
  requester: string;
  reason: string;
  summary: RequestSummary;
  params: P;
  state: S;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  approval: { channel: string; ts: string } | null;
  error: string | null;
}

interface Row {
  id: string;
  kind: RequestKind;
  status: RequestStatus;
  requester: string;
  reason: string;
  summary: string;
  params: string;
  state: string;
  created_at: number;
  updated_at: number;
  expires_at: number;
  approval_channel: string | null;
  approval_ts: string | null;
  error: string | null;
}

const toRecord = (r: Row): RequestRecord => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  requester: r.requester,
  reason: r.reason,
  summary: JSON.parse(r.summary),
  params: JSON.parse(r.params),
  state: JSON.parse(r.state),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  expiresAt: r.expires_at,
  approval: r.approval_channel && r.approval_ts ? { channel: r.approval_channel, ts: r.approval_ts } : null,
  error: r.error,
});

export interface NewRequest {
  id: string;
  kind: RequestKind;
  requester: string;
  reason: string;
  summary: RequestSummary;
  params: unknown;
  state?: unknown;
  now: number;
  expiresAt: number;
  refs: string[];
}

/** One request state change: `at` is when it happened, `createdAt` when the request was drafted. */
export interface RequestChange {
  requestId: string;
  kind: RequestKind;
  status: RequestStatus;
  requester?: string;
  at: number;
  createdAt: number;
}

/** Receives one call per request state change (the operator's log line, the metrics), after the row changed. */
export type OnRequestChange = (change: RequestChange) => void;

/** The `requests` table and the refs that index it (fingerprints, client:, user:, credential:). */
export interface RequestStore {
  /** a new request row with its refs */
  insert(r: NewRequest): void;
  /** one more ref that finds this request */
  addRef(id: string, ref: string): void;
  /** the request, or null */
  get(id: string): RequestRecord | null;
  /** guarded transition: changes the row only if it is still in one of `from` (false when someone got there first); a move TRANSITIONS forbids throws */
  transition(id: string, from: readonly RequestStatus[], to: RequestStatus, now: number, error?: string): boolean;
  /** shallow-merges into the workflow's progress record (never a secret: use the vault) */
  patchState(id: string, patch: Record<string, unknown>, now: number): void;
  /** where the approval message was posted, so later notices update it */
  setApprovalMessage(id: string, channel: string, ts: string): void;
  /** the requests a ref finds, newest first */
  findByRef(ref: string, limit?: number): RequestRecord[];
  /** the requests of one requester, newest first */
  byRequester(user: string, limit?: number): RequestRecord[];
  /** the newest requests of every requester (the CLI's `history` without an argument) */
  recent(limit?: number): RequestRecord[];
  /** the requests in this status */
  byStatus(status: RequestStatus, limit?: number): RequestRecord[];
  /** every ref of the request */
  refs(id: string): string[];
}

// long: a factory: its methods share prepared statements
export function requestStore(db: Db, onChange: OnRequestChange = () => undefined): RequestStore {
  const insert =
    db.prepare(`INSERT INTO requests (id, kind, status, requester, reason, summary, params, state, created_at, updated_at, expires_at)
    VALUES (@id, @kind, 'pending', @requester, @reason, @summary, @params, @state, @now, @now, @expiresAt)`);
  const insertRef = db.prepare('INSERT OR IGNORE INTO request_refs (ref, request_id) VALUES (?, ?)');
  const byId = db.prepare<[string], Row>('SELECT * FROM requests WHERE id = ?');
  const byRef = db.prepare<[string, number], Row>(
    'SELECT r.* FROM request_refs f JOIN requests r ON r.id = f.request_id WHERE f.ref = ? ORDER BY r.created_at DESC, r.rowid DESC LIMIT ?',
  );
  const byRequester = db.prepare<[string, number], Row>('SELECT * FROM requests WHERE requester = ? ORDER BY created_at DESC LIMIT ?');
  const newest = db.prepare<[number], Row>('SELECT * FROM requests ORDER BY created_at DESC LIMIT ?');
  const byStatus = db.prepare<[string, number], Row>('SELECT * FROM requests WHERE status = ? ORDER BY created_at DESC LIMIT ?');
  const refsOf = db.prepare<[string], { ref: string }>('SELECT ref FROM request_refs WHERE request_id = ?');
  const setApproval = db.prepare('UPDATE requests SET approval_channel = ?, approval_ts = ? WHERE id = ?');
  const setState = db.prepare('UPDATE requests SET state = @state, updated_at = @now WHERE id = @id');
  const guardedBySize = new Map<number, Database.Statement>();
  const guarded = (n: number): Database.Statement => {
    let stmt = guardedBySize.get(n);
    if (!stmt) {
      const placeholders = Array.from({ length: n }, () => '?').join(',');
      stmt = db.prepare(
        `UPDATE requests SET status = ?, updated_at = ?, error = COALESCE(?, error) WHERE id = ? AND status IN (${placeholders}) RETURNING kind, created_at`,
      );
      guardedBySize.set(n, stmt);
    }
    return stmt;
  };

  return {
    insert(r: NewRequest): void {
      insert.run({ ...r, summary: JSON.stringify(r.summary), params: JSON.stringify(r.params), state: JSON.stringify(r.state ?? {}) });
      for (const ref of r.refs) insertRef.run(ref, r.id);
      onChange({ requestId: r.id, kind: r.kind, status: 'pending', requester: r.requester, at: r.now, createdAt: r.now });
    },
    addRef: (id: string, ref: string): void => void insertRef.run(ref, id),
    get(id: string): RequestRecord | null {
      const r = byId.get(id);
      return r ? toRecord(r) : null;
    },
    /**
     * Guarded transition: changes the row only if it is still in one of `from`. Returns false when
     * another click, job or process got there first; that is a normal outcome, not an error. A move
     * TRANSITIONS does not allow is a bug in the caller and throws.
     */
    transition(id: string, from: readonly RequestStatus[], to: RequestStatus, now: number, error?: string): boolean {
      const wrong = from.filter((f) => !TRANSITIONS[f].includes(to));
      if (wrong.length > 0) throw new KeybotError('INTERNAL', `a request cannot move from ${wrong.join(', ')} to ${to}`);
      const row = guarded(from.length).get(to, now, error ?? null, id, ...from) as { kind: RequestKind; created_at: number } | undefined;
      if (row) onChange({ requestId: id, kind: row.kind, status: to, at: now, createdAt: row.created_at });
      return row !== undefined;
    },
    /** Shallow-merges into the workflow's progress record (never a secret: use the vault). */
    patchState(id: string, patch: Record<string, unknown>, now: number): void {
      const current = byId.get(id);
      if (!current) return;
      setState.run({ id, now, state: JSON.stringify({ ...JSON.parse(current.state), ...patch }) });
    },
    setApprovalMessage: (id: string, channel: string, ts: string): void => void setApproval.run(channel, ts, id),
    findByRef: (ref: string, limit = 20): RequestRecord[] => byRef.all(ref, limit).map(toRecord),
    byRequester: (user: string, limit = 20): RequestRecord[] => byRequester.all(user, limit).map(toRecord),
    /** The newest requests of every requester (the CLI's `history` without an argument). */
    recent: (limit = 10): RequestRecord[] => newest.all(limit).map(toRecord),
    byStatus: (status: RequestStatus, limit = 50): RequestRecord[] => byStatus.all(status, limit).map(toRecord),
    refs: (id: string): string[] => refsOf.all(id).map((r) => r.ref),
  };
}

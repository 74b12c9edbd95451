import { createHash } from 'node:crypto';
import type { Db } from './open-database.js';

export interface HistoryEntry {
  seq: number;
  requestId: string | null;
  event: string;
  actor: string;
  at: number;
  data: Record<string, unknown>;
}

export interface NewHistoryEntry {
  requestId: string | null;
  event: string;
  actor: string;
  at: number;
  /** Display data: fingerprints, IDs, counts. Never a key or secret value. */
  data?: Record<string, unknown>;
}

interface Row {
  seq: number;
  request_id: string | null;
  event: string;
  actor: string;
  at: number;
  data: string;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/** Each row's hash covers its content and the previous row's hash, so an edit or deletion breaks the chain. */
const rowHash = (prev: string, r: Omit<Row, 'prev_hash' | 'hash'>): string =>
  createHash('sha256')
    .update(JSON.stringify([prev, r.seq, r.request_id, r.event, r.actor, r.at, r.data]))
    .digest('hex');

export type AuditResult = { ok: true; rows: number } | { ok: false; rows: number; seq: number; problem: string };

/** Append-only, hash-chained history. Callers append inside the transaction of the change it records. */
export function historyStore(db: Db) {
  const last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM history ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(
    'INSERT INTO history (seq, request_id, event, actor, at, data, prev_hash, hash) VALUES (@seq, @request_id, @event, @actor, @at, @data, @prev_hash, @hash)',
  );
  const byRequest = db.prepare<[string], Row>('SELECT * FROM history WHERE request_id = ? ORDER BY seq');
  const all = db.prepare<[], Row>('SELECT * FROM history ORDER BY seq');
  const sequence = db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'history'");

  const toEntry = (r: Row): HistoryEntry => ({
    seq: r.seq,
    requestId: r.request_id,
    event: r.event,
    actor: r.actor,
    at: r.at,
    data: JSON.parse(r.data),
  });

  return {
    /** Must run inside a transaction (the caller's), so the chain head cannot move underneath. */
    append(e: NewHistoryEntry): void {
      const head = last.get();
      const row = {
        seq: (head?.seq ?? 0) + 1,
        request_id: e.requestId,
        event: e.event,
        actor: e.actor,
        at: e.at,
        data: JSON.stringify(e.data ?? {}),
      };
      const prev = head?.hash ?? GENESIS;
      insert.run({ ...row, prev_hash: prev, hash: rowHash(prev, row) });
    },
    forRequest: (requestId: string): HistoryEntry[] => byRequest.all(requestId).map(toEntry),

    /** Walks the chain: a changed row breaks its hash, a deleted row breaks the sequence or the link. */
    verify(): AuditResult {
      let prev = GENESIS;
      let expectSeq = 1;
      let rows = 0;
      for (const r of all.iterate()) {
        rows += 1;
        if (r.seq !== expectSeq) return { ok: false, rows, seq: expectSeq, problem: `row ${expectSeq} is missing` };
        if (r.prev_hash !== prev) return { ok: false, rows, seq: r.seq, problem: `row ${r.seq} does not link to row ${r.seq - 1}` };
        if (rowHash(prev, r) !== r.hash) return { ok: false, rows, seq: r.seq, problem: `row ${r.seq} was changed after it was written` };
        prev = r.hash;
        expectSeq += 1;
      }
      const issued = sequence.get()?.seq ?? 0;
      if (issued >= expectSeq)
        return { ok: false, rows, seq: expectSeq, problem: `rows ${expectSeq}..${issued} were deleted from the end` };
      return { ok: true, rows };
    },
  };
}

export type HistoryStore = ReturnType<typeof historyStore>;

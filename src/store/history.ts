import { createHash, createHmac, hkdfSync } from 'node:crypto';
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
  mac: string | null;
}

const GENESIS = '0'.repeat(64);

/** The chain's own key, derived from KEYBOT_SECRET_KEY for this purpose only (never the vault key itself). */
const chainKey = (secretKey: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'tyk-keybot history chain v1', 32));

/** Each row's hash covers its content and the previous row's hash, so an edit or deletion breaks the chain. */
const rowHash = (prev: string, r: Omit<Row, 'prev_hash' | 'hash' | 'mac'>): string =>
  createHash('sha256')
    .update(JSON.stringify([prev, r.seq, r.request_id, r.event, r.actor, r.at, r.data]))
    .digest('hex');

export type AuditResult = { ok: true; rows: number; head: ChainHead } | { ok: false; rows: number; seq: number; problem: string };

/** The last row and its MAC: posted to NOTIFY_CHANNEL so a rewrite of the whole file shows from outside it. */
export interface ChainHead {
  seq: number;
  mac: string;
}

/** The `history` table: an append-only hash chain, each row MACed with a key derived from KEYBOT_SECRET_KEY. */
export interface HistoryStore {
  /** appends a row; must run inside a transaction (the caller's), so the chain head cannot move underneath */
  append(e: NewHistoryEntry): void;
  /** the newest row and its MAC (seq 0 for an empty history) */
  head(): ChainHead;
  /** a database from before the keyed chain gets its MACs once (only while no row has one); returns how many rows were keyed */
  adoptLegacy(): number;
  /** the request's rows, oldest first */
  forRequest(requestId: string): HistoryEntry[];
  /** when the newest row of this event was written, or null when there is none */
  lastAt(event: string): number | null;
  /** when the oldest row was written, or null for an empty history */
  firstAt(): number | null;
  /** walks the chain: a changed row breaks its hash, a deleted row the sequence or link, a row rewritten without the key its MAC */
  verify(): AuditResult;
}

// long: a factory: its methods share prepared statements and the MAC key
/**
 * Append-only, chained history. Two links per row: `hash` (SHA-256 over the row and the previous
 * hash, chain version 1, kept for rows of older databases) and `mac` (HMAC-SHA256 under a key
 * derived from KEYBOT_SECRET_KEY over the row's hash and the previous MAC, version 2). Anyone can
 * recompute a SHA-256 chain after rewriting rows; only the holder of the key can recompute the MACs.
 * Callers append inside the transaction of the change it records.
 */
export function historyStore(db: Db, secretKey: Buffer): HistoryStore {
  const key = chainKey(secretKey);
  const macOf = (prevMac: string, hash: string): string => createHmac('sha256', key).update(`${prevMac}:${hash}`).digest('hex');
  const last = db.prepare<[], { seq: number; hash: string; mac: string | null }>(
    'SELECT seq, hash, mac FROM history ORDER BY seq DESC LIMIT 1',
  );
  const insert = db.prepare(
    'INSERT INTO history (seq, request_id, event, actor, at, data, prev_hash, hash, mac) VALUES (@seq, @request_id, @event, @actor, @at, @data, @prev_hash, @hash, @mac)',
  );
  const setMac = db.prepare('UPDATE history SET mac = ? WHERE seq = ? AND mac IS NULL');
  const anyKeyed = db.prepare<[], { one: number }>('SELECT 1 AS one FROM history WHERE mac IS NOT NULL LIMIT 1');
  const byRequest = db.prepare<[string], Row>('SELECT * FROM history WHERE request_id = ? ORDER BY seq');
  const all = db.prepare<[], Row>('SELECT * FROM history ORDER BY seq');
  const lastOfEvent = db.prepare<[string], { at: number; data: string }>(
    'SELECT at, data FROM history WHERE event = ? ORDER BY seq DESC LIMIT 1',
  );
  const firstRow = db.prepare<[], { at: number }>('SELECT at FROM history ORDER BY seq LIMIT 1');
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
      const hash = rowHash(prev, row);
      insert.run({ ...row, prev_hash: prev, hash, mac: macOf(head?.mac ?? GENESIS, hash) });
    },
    /** The newest row and its MAC (seq 0 for an empty history). */
    head(): ChainHead {
      const h = last.get();
      return { seq: h?.seq ?? 0, mac: h?.mac ?? GENESIS };
    },
    /**
     * A database from before the keyed chain: its rows get their MACs once, at the first start with
     * the key, and only while no row has one (a mix means rows were added by someone without the
     * key, which verify reports). Returns how many rows were keyed.
     */
    adoptLegacy(): number {
      return db
        .transaction(() => {
          if (anyKeyed.get()) return 0;
          let prevMac = GENESIS;
          let n = 0;
          for (const r of all.all()) {
            prevMac = macOf(prevMac, r.hash);
            n += setMac.run(prevMac, r.seq).changes;
          }
          return n;
        })
        .immediate();
    },
    forRequest: (requestId: string): HistoryEntry[] => byRequest.all(requestId).map(toEntry),
    /** When the newest row of this event was written, or null when there is none. */
    lastAt: (event: string): number | null => lastOfEvent.get(event)?.at ?? null,
    /** When the oldest row was written, or null for an empty history. */
    firstAt: (): number | null => firstRow.get()?.at ?? null,

    /**
     * Walks the chain: a changed row breaks its hash, a deleted row breaks the sequence or the link,
     * and a row rewritten without the key (hashes recomputed) breaks its MAC.
     */
    verify(): AuditResult {
      let prev = GENESIS;
      let prevMac = GENESIS;
      let expectSeq = 1;
      let rows = 0;
      for (const r of all.iterate()) {
        rows += 1;
        if (r.seq !== expectSeq) return { ok: false, rows, seq: expectSeq, problem: `row ${expectSeq} is missing` };
        if (r.prev_hash !== prev) return { ok: false, rows, seq: r.seq, problem: `row ${r.seq} does not link to row ${r.seq - 1}` };
        if (rowHash(prev, r) !== r.hash) return { ok: false, rows, seq: r.seq, problem: `row ${r.seq} was changed after it was written` };
        const mac = macOf(prevMac, r.hash);
        if (r.mac !== mac)
          return {
            ok: false,
            rows,
            seq: r.seq,
            problem: `row ${r.seq} does not carry the MAC of KEYBOT_SECRET_KEY: it was written or rewritten without the key (or the key is another one)`,
          };
        prev = r.hash;
        prevMac = mac;
        expectSeq += 1;
      }
      const issued = sequence.get()?.seq ?? 0;
      if (issued >= expectSeq)
        return { ok: false, rows, seq: expectSeq, problem: `rows ${expectSeq}..${issued} were deleted from the end` };
      return { ok: true, rows, head: { seq: expectSeq - 1, mac: prevMac } };
    },
  };
}

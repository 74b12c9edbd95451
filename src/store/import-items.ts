import type { ImportSession } from '../importers/index.js';
import { Secret } from '../secret.js';
import { seal, unseal } from './cipher.js';
import type { Db } from './open-database.js';

export type ItemStatus =
  | 'ready' // parsed ok, not yet compared with Tyk
  | 'invalid' // the parser refused it (error code in reason)
  | 'skipped' // valid but deliberately not imported (reason: expired, terminated, …)
  | 'new' // not in Tyk: will be created
  | 'identical' // in Tyk with the same settings: nothing to do
  | 'conflict' // in Tyk with other settings: left alone unless on-conflict=overwrite
  | 'creating' // a create was sent; if the process died here, Tyk is asked on resume
  | 'created'
  | 'overwritten'
  | 'failed'
  | 'undone';

/** What a create does to Tyk: make a key that is not there, or overwrite the one that is. */
export type CreateIntent = 'new' | 'overwrite';

export interface StagedItem {
  idx: number;
  ref: string;
  line?: number;
  status: 'ready' | 'invalid' | 'skipped';
  fingerprint?: string;
  alias?: string;
  reason?: string;
  warnings?: string[];
  secret?: { key: Secret; session: ImportSession; extra?: Record<string, unknown>; createdAt?: number };
}

export interface ItemRow {
  idx: number;
  ref: string;
  line: number | null;
  fingerprint: string | null;
  alias: string;
  status: ItemStatus;
  /** why an item is skipped or invalid (null otherwise) */
  reason: string | null;
  /** what the create sent for it does ('new' or 'overwrite'): written before the create, from `creating` on */
  intent: CreateIntent | null;
  warnings: string;
  key_hash: string | null;
  error: string | null;
}

export interface OpenedItem extends ItemRow {
  key: Secret;
  session: ImportSession;
  extra?: Record<string, unknown>;
  /** the source platform's creation date (ms), where the export had one */
  createdAt?: number;
}

const aad = (requestId: string, idx: number, what: string) => `${requestId}:${idx}:${what}`;

/** The rows of import batches: the checkpoint a batch resumes from (src/workflows/import-keys). */
export interface ImportItemStore {
  /** Writes a batch's parsed items, their keys and sessions sealed, in one transaction. */
  stage(requestId: string, items: StagedItem[]): void;
  /** The next items in one of `statuses` after `after`, decrypted. */
  page(requestId: string, statuses: readonly ItemStatus[], after: number, limit: number): OpenedItem[];
  /** Sets an item's status (and its error, or none). */
  setStatus(requestId: string, idx: number, status: ItemStatus, error?: string | null): void;
  /** Decided before anything is written (preview or execution): not imported, and why. */
  setNotImported(requestId: string, idx: number, status: 'skipped' | 'invalid', reason: string): void;
  /** A remark on an item whose status stays (a created key whose read-back found something). */
  note(requestId: string, idx: number, error: string): void;
  /** Written before the create call: on resume, `creating` items are created again (an upsert) with this intent. */
  markCreating(requestId: string, idx: number, intent: CreateIntent): void;
  /** A key this batch made (or overwrote): its Tyk key ID is kept, sealed, for Undo. */
  setCreated(requestId: string, idx: number, status: 'created' | 'overwritten', token: Secret, keyHash: string | null): void;
  /** Every key this batch created or overwrote, with its Tyk key ID, one at a time. */
  created(requestId: string): Generator<{ idx: number; handle: Secret; keyHash: string | null }>;
  /** The Tyk key ID this batch recorded for an item, if any. */
  tokenOf(requestId: string, idx: number): Secret | null;
  /** How many of the batch's items have each status. */
  counts(requestId: string): Partial<Record<ItemStatus, number>>;
  /** The batch is over: key values and sessions are erased for good. */
  eraseSecrets(requestId: string): number;
  /** Nothing more will be done with the batch (rejected, expired, past its Undo window): the created keys' IDs go too. */
  eraseAll(requestId: string): number;
  /** `eraseSecrets` in steps of `rowsPerStep` items, a turn of the event loop between (so another thread's writes get in). */
  eraseSecretsGradually(requestId: string, rowsPerStep?: number): Promise<number>;
  /** Every item of the batch in file order, without secrets. */
  all(requestId: string): IterableIterator<ItemRow>;
  /** The indexes of the items with this status, in file order. */
  indexesWith(requestId: string, status: ItemStatus): number[];
  /** The fingerprints of the items with this status, in file order (never the values), `limit` at a time after index `after` (a million never sit in memory at once); `last` is the next call's `after`. */
  fingerprintsPage(requestId: string, status: ItemStatus, after: number, limit: number): { fingerprints: string[]; last: number };
  /** A dry run or a refused file: its staged items go again. */
  drop(requestId: string): number;
  /** `drop` a few thousand rows per statement with a turn of the event loop between (a 100,000-row dry run). */
  dropGradually(requestId: string, rowsPerStep?: number): Promise<number>;
  /** Items staged by a process that died before drafting their request. */
  removeOrphans(): number;
}

// long: a factory: its methods share prepared statements
/**
 * One row per candidate key of an import batch: the checkpoint that lets a batch resume after a
 * crash without creating a key twice. Key values and sessions are sealed (AES-256-GCM) and erased
 * when the batch ends; the Tyk key IDs of created keys stay sealed for Undo.
 */
export function importItemStore(db: Db, key: Buffer): ImportItemStore {
  const insert = db.prepare(`INSERT INTO import_items (request_id, idx, ref, line, fingerprint, alias, status, reason, warnings, iv, sealed)
    VALUES (@requestId, @idx, @ref, @line, @fingerprint, @alias, @status, @reason, @warnings, @iv, @sealed)`);
  const page = db.prepare<
    { requestId: string; after: number; limit: number; statuses: string },
    ItemRow & { iv: Buffer | null; sealed: Buffer | null }
  >(
    `SELECT idx, ref, line, fingerprint, alias, status, reason, intent, warnings, key_hash, error, iv, sealed FROM import_items
     WHERE request_id = @requestId AND idx > @after AND status IN (SELECT value FROM json_each(@statuses)) ORDER BY idx LIMIT @limit`,
  );
  const setStatus = db.prepare('UPDATE import_items SET status = @status, error = @error WHERE request_id = @requestId AND idx = @idx');
  const planned = db.prepare('UPDATE import_items SET status = @status, reason = @reason WHERE request_id = @requestId AND idx = @idx');
  const note = db.prepare('UPDATE import_items SET error = @error WHERE request_id = @requestId AND idx = @idx');
  const creating = db.prepare("UPDATE import_items SET status = 'creating', intent = @intent WHERE request_id = @requestId AND idx = @idx");
  const setCreated = db.prepare(
    'UPDATE import_items SET status = @status, error = NULL, key_hash = @keyHash, token_iv = @iv, token_sealed = @sealed WHERE request_id = @requestId AND idx = @idx',
  );
  const tokenOf = db.prepare<{ requestId: string; idx: number }, { token_iv: Buffer | null; token_sealed: Buffer | null }>(
    'SELECT token_iv, token_sealed FROM import_items WHERE request_id = @requestId AND idx = @idx',
  );
  const createdRows = db.prepare<[string], { idx: number; key_hash: string | null; token_iv: Buffer; token_sealed: Buffer }>(
    "SELECT idx, key_hash, token_iv, token_sealed FROM import_items WHERE request_id = ? AND status IN ('created', 'overwritten') AND token_sealed IS NOT NULL ORDER BY idx",
  );
  const counts = db.prepare<[string], { status: ItemStatus; n: number }>(
    'SELECT status, COUNT(*) AS n FROM import_items WHERE request_id = ? GROUP BY status',
  );
  const erase = db.prepare('UPDATE import_items SET iv = NULL, sealed = NULL WHERE request_id = ? AND sealed IS NOT NULL');
  const eraseTokens = db.prepare(
    'UPDATE import_items SET iv = NULL, sealed = NULL, token_iv = NULL, token_sealed = NULL WHERE request_id = ? AND (sealed IS NOT NULL OR token_sealed IS NOT NULL)',
  );
  const all = db.prepare<[string], ItemRow>(
    'SELECT idx, ref, line, fingerprint, alias, status, reason, intent, warnings, key_hash, error FROM import_items WHERE request_id = ? ORDER BY idx',
  );
  const idxWith = db.prepare<{ requestId: string; status: string }, { idx: number }>(
    'SELECT idx FROM import_items WHERE request_id = @requestId AND status = @status ORDER BY idx',
  );
  const fpPage = db.prepare<{ requestId: string; status: string; after: number; limit: number }, { idx: number; fingerprint: string }>(
    'SELECT idx, fingerprint FROM import_items WHERE request_id = @requestId AND status = @status AND fingerprint IS NOT NULL AND idx > @after ORDER BY idx LIMIT @limit',
  );
  const drop = db.prepare('DELETE FROM import_items WHERE request_id = ?');
  const orphans = db.prepare('DELETE FROM import_items WHERE request_id NOT IN (SELECT id FROM requests)');

  /** Sealed outside the transaction, so the write lock is held only for the inserts (others wait less). */
  const sealed = (requestId: string, it: StagedItem) => {
    const payload = it.secret
      ? seal(
          key,
          JSON.stringify({
            key: it.secret.key.reveal(),
            session: it.secret.session,
            extra: it.secret.extra,
            createdAt: it.secret.createdAt,
          }),
          aad(requestId, it.idx, 'item'),
        )
      : null;
    return {
      requestId,
      idx: it.idx,
      ref: it.ref,
      line: it.line ?? null,
      fingerprint: it.fingerprint ?? null,
      alias: it.alias ?? '',
      status: it.status,
      reason: it.reason ?? null,
      warnings: (it.warnings ?? []).join(','),
      iv: payload?.iv ?? null,
      sealed: payload?.ciphertext ?? null,
    };
  };
  const insertRows = db.transaction((rows: Array<ReturnType<typeof sealed>>) => {
    for (const row of rows) insert.run(row);
  });
  const eraseRange = db.prepare(
    'UPDATE import_items SET iv = NULL, sealed = NULL WHERE request_id = @requestId AND idx > @after AND idx <= @until AND sealed IS NOT NULL',
  );
  const lastIdx = db.prepare<[string], { last: number | null }>('SELECT MAX(idx) AS last FROM import_items WHERE request_id = ?');
  const dropSome = db.prepare(
    'DELETE FROM import_items WHERE request_id = @requestId AND idx IN (SELECT idx FROM import_items WHERE request_id = @requestId LIMIT @limit)',
  );

  return {
    stage: (requestId: string, items: StagedItem[]): void => insertRows(items.map((it) => sealed(requestId, it))),
    /** The next items in one of `statuses` after `after`, decrypted. */
    page(requestId: string, statuses: readonly ItemStatus[], after: number, limit: number): OpenedItem[] {
      return page.all({ requestId, after, limit, statuses: JSON.stringify(statuses) }).map(({ iv, sealed, ...row }) => {
        if (!iv || !sealed) throw new Error(`import item ${row.idx} has no sealed key`);
        const open = JSON.parse(unseal(key, { iv, ciphertext: sealed }, aad(requestId, row.idx, 'item'))) as {
          key: string;
          session: ImportSession;
          extra?: Record<string, unknown>;
          createdAt?: number;
        };
        return { ...row, key: new Secret(open.key), session: open.session, extra: open.extra, createdAt: open.createdAt };
      });
    },
    setStatus: (requestId: string, idx: number, status: ItemStatus, error: string | null = null): void =>
      void setStatus.run({ requestId, idx, status, error }),
    /** Decided before anything is written (preview or execution): not imported, and why. */
    setNotImported: (requestId: string, idx: number, status: 'skipped' | 'invalid', reason: string): void =>
      void planned.run({ requestId, idx, status, reason }),
    /** A remark on an item whose status stays (a created key whose read-back found something). */
    note: (requestId: string, idx: number, error: string): void => void note.run({ requestId, idx, error }),
    /** Written before the create call: on resume, `creating` items are created again (an upsert). */
    markCreating: (requestId: string, idx: number, intent: CreateIntent): void => void creating.run({ requestId, idx, intent }),
    /** A key this batch made (or overwrote): its Tyk key ID is kept, sealed, for Undo. */
    setCreated(requestId: string, idx: number, status: 'created' | 'overwritten', token: Secret, keyHash: string | null): void {
      const s = seal(key, token.reveal(), aad(requestId, idx, 'token'));
      setCreated.run({ requestId, idx, status, keyHash, iv: s.iv, sealed: s.ciphertext });
    },
    /** Every key this batch created or overwrote, with its Tyk key ID, one at a time. */
    *created(requestId: string): Generator<{ idx: number; handle: Secret; keyHash: string | null }> {
      for (const r of createdRows.iterate(requestId)) {
        yield {
          idx: r.idx,
          keyHash: r.key_hash,
          handle: new Secret(unseal(key, { iv: r.token_iv, ciphertext: r.token_sealed }, aad(requestId, r.idx, 'token'))),
        };
      }
    },
    tokenOf(requestId: string, idx: number): Secret | null {
      const r = tokenOf.get({ requestId, idx });
      return r?.token_iv && r.token_sealed
        ? new Secret(unseal(key, { iv: r.token_iv, ciphertext: r.token_sealed }, aad(requestId, idx, 'token')))
        : null;
    },
    counts(requestId: string): Partial<Record<ItemStatus, number>> {
      return Object.fromEntries(counts.all(requestId).map((r) => [r.status, r.n]));
    },
    /** The batch is over: key values and sessions are erased for good. */
    eraseSecrets: (requestId: string): number => erase.run(requestId).changes,
    async eraseSecretsGradually(requestId, rowsPerStep = 2_000) {
      const last = lastIdx.get(requestId)?.last ?? -1;
      let total = 0;
      for (let after = -1; after < last; after += rowsPerStep) {
        total += eraseRange.run({ requestId, after, until: after + rowsPerStep }).changes;
        await new Promise((r) => setImmediate(r));
      }
      return total;
    },
    /** Nothing more will be done with the batch (rejected, expired, past its Undo window): the created keys' IDs go too. */
    eraseAll: (requestId: string): number => eraseTokens.run(requestId).changes,
    all: (requestId: string): IterableIterator<ItemRow> => all.iterate(requestId),
    indexesWith: (requestId: string, status: ItemStatus): number[] => idxWith.all({ requestId, status }).map((r) => r.idx),
    fingerprintsPage(requestId, status, after, limit) {
      const rows = fpPage.all({ requestId, status, after, limit });
      return { fingerprints: rows.map((r) => r.fingerprint), last: rows.at(-1)?.idx ?? after };
    },
    /** A dry run or a refused file: its staged items go again. */
    drop: (requestId: string): number => drop.run(requestId).changes,
    /**
     * The same, a few thousand rows per statement with a turn of the event loop between, so a
     * 100,000-row dry run neither holds the write lock nor blocks the loop for seconds (secure_delete
     * makes each deleted row a write).
     */
    async dropGradually(requestId: string, rowsPerStep = 2_000): Promise<number> {
      let total = 0;
      for (let n = rowsPerStep; n === rowsPerStep; total += n) {
        n = dropSome.run({ requestId, limit: rowsPerStep }).changes;
        await new Promise((r) => setImmediate(r));
      }
      return total;
    },
    /** Items staged by a process that died before drafting their request. */
    removeOrphans: (): number => orphans.run().changes,
  };
}

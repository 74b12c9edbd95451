import type { Log } from '../log.js';
import { type ApprovalStore, approvalStore } from './approvals.js';
import { startCheckpointer } from './checkpointer.js';
import { type HistoryStore, historyStore } from './history.js';
import { type ImportItemStore, importItemStore } from './import-items.js';
import { type InventoryStore, inventoryStore } from './inventory.js';
import { type JobStore, jobStore } from './jobs.js';
import { type Db, openDatabase } from './open-database.js';
import { type OnRequestChange, type RequestStore, requestStore } from './requests.js';
import { type RunnerStore, runnerStore } from './runners.js';
import { type SeenInteractionStore, seenInteractionStore } from './seen-interactions.js';
import { type VaultStore, vaultStore } from './vault.js';

export type { Db } from './open-database.js';

export interface StoreOptions {
  /** one info line per request state change goes here */
  log?: Log;
  /** open an existing file for reading only (history, audit verify): no migration, no file created */
  readonly?: boolean;
  /** also told about every request state change (the metrics) */
  onRequestChange?: OnRequestChange;
  /** the process's main connection (the bot's, the CLI's): it runs the checkpoint thread (checkpointer.ts) until closed */
  checkpointer?: boolean;
}

/** The SQLite database of the bot: every table group over one connection. */
export interface Store {
  /** the connection itself, for migrations and tests */
  db: Db;
  /** requests and the refs that find them */
  requests: RequestStore;
  /** approvers' votes */
  approvals: ApprovalStore;
  /** the job queue the scheduler runs */
  jobs: JobStore;
  /** the hash-chained history */
  history: HistoryStore;
  /** sealed secrets */
  vault: VaultStore;
  /** the records of import batches */
  importItems: ImportItemStore;
  /** scheduler processes and the bot's ticks */
  runners: RunnerStore;
  /** the key inventory */
  inventory: InventoryStore;
  /** Slack deliveries already handled */
  seenInteractions: SeenInteractionStore;
  /** runs `fn` in one IMMEDIATE transaction */
  tx<T>(fn: () => T): T;
  /** for /healthz: commits a tiny write, waiting at most 250 ms for a lock held elsewhere */
  isWritable(now: number): boolean;
  /** after an erasure: moves the WAL into the database and empties the WAL file, which still held the erased values' old pages */
  eraseCheckpoint(): void;
  /** every secret a request still holds: its vault values and its import items' keys and key IDs */
  forgetSecrets(requestId: string, now: number): number;
  /** closes the connection */
  close(): void;
}

/** Every table group over one connection; `tx` runs a function in one IMMEDIATE transaction. */
export function createStore(path: string, secretKey: Buffer, o: StoreOptions = {}): Store {
  const db: Db = openDatabase(path, { readonly: o.readonly });
  const checkpoints =
    o.checkpointer && !o.readonly ? startCheckpointer(path, (err) => o.log?.error({ err }, 'the checkpoint thread failed')) : null;
  const healthWrite = db.prepare(
    'INSERT INTO health (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
  );
  const history = historyStore(db, secretKey);
  if (!o.readonly) history.adoptLegacy(); // a write; a read-only open never writes
  const vault = vaultStore(db, secretKey);
  const importItems = importItemStore(db, secretKey);
  return {
    db,
    requests: requestStore(db, (change) => {
      const { at, createdAt, ...line } = change; // the log line keeps its fields; the time is the line's own
      o.log?.info(line, 'request state changed');
      o.onRequestChange?.(change);
    }),
    approvals: approvalStore(db),
    jobs: jobStore(db),
    history,
    vault,
    importItems,
    runners: runnerStore(db),
    inventory: inventoryStore(db, secretKey),
    seenInteractions: seenInteractionStore(db),
    tx: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    /** For /healthz: commits a tiny write, waiting at most 250 ms for a lock held elsewhere. */
    isWritable(now: number): boolean {
      const previous = db.pragma('busy_timeout', { simple: true }) as number;
      try {
        db.pragma('busy_timeout = 250');
        healthWrite.run(now);
        return true;
      } catch {
        return false;
      } finally {
        if (db.open) db.pragma(`busy_timeout = ${previous}`);
      }
    },
    /**
     * After an erasure: moves the WAL into the database (secure_delete has zeroed the erased
     * values there) and empties the WAL file, which still held their old page images. Call it
     * outside a transaction; a reader holding the WAL makes it a no-op until the next one.
     */
    eraseCheckpoint: (): void => void db.pragma('wal_checkpoint(TRUNCATE)'),
    /** Every secret a request still holds: its vault values and its import items' keys and key IDs. */
    forgetSecrets(requestId: string, now: number): number {
      return vault.eraseAllForRequest(requestId, now) + importItems.eraseAll(requestId);
    },
    close(): void {
      checkpoints?.stop();
      db.close();
    },
  };
}

export type { HistoryEntry } from './history.js';
export type { Job } from './jobs.js';
export type { RequestKind, RequestRecord, RequestStatus, RequestSummary } from './requests.js';

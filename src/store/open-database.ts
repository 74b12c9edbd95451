import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { KeybotError } from '../errors.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens the SQLite file with the settings every part relies on: WAL (readers never block the
 * writer), foreign keys, a busy timeout for a second process (the CLI beside the bot), and
 * secure_delete so erased vault rows are overwritten on disk, not just unlinked.
 */
export function openDatabase(path: string, o: { readonly?: boolean } = {}): Db {
  if (o.readonly) return openReadOnly(path);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  // No checkpoint inside a commit: the writing process's checkpoint thread moves the WAL into the
  // database (checkpointer.ts); the connection that closes last checkpoints the rest.
  db.pragma('wal_autocheckpoint = 0');
  // After a checkpoint the WAL file is cut back to this size, so old page images (erased values
  // among them) do not linger in it; store.eraseCheckpoint empties it at once after an erasure.
  db.pragma('journal_size_limit = 8388608');
  migrate(db);
  return db;
}

/**
 * For commands that only read (history, audit verify): a mistyped path must not become a new,
 * empty database that reports "0 rows, intact".
 */
function openReadOnly(path: string): Db {
  if (!existsSync(path)) throw new KeybotError('BAD_INPUT', `no database at ${path} (KEYBOT_DB): check the path`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version < MIGRATIONS.length) {
    db.close();
    throw new KeybotError(
      'BAD_INPUT',
      `KEYBOT_DB=${path} is ${version === 0 ? 'not a tyk-keybot database' : 'from an older version; start the bot once to upgrade it'}`,
    );
  }
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  MIGRATIONS.slice(current).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + i + 1}`);
    }).immediate();
  });
}

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { tempDir } from '../harness/env.js';

const newStore = () => {
  const path = join(tempDir(), 'keybot.db');
  const key = randomBytes(32);
  return { path, key, store: createStore(path, key) };
};

const appendSome = (store: ReturnType<typeof newStore>['store'], n: number) => {
  for (let i = 0; i < n; i++)
    store.tx(() => store.history.append({ requestId: null, event: `event-${i}`, actor: 'U1', at: 1_000 + i, data: { i } }));
};

describe('store', () => {
  it('opens in WAL mode with foreign keys and applies migrations once', () => {
    const { path, store } = newStore();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
    const again = createStore(path, randomBytes(32));
    expect(again.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    again.close();
  });

  it('refuses to update or delete history rows through SQL', () => {
    const { store } = newStore();
    appendSome(store, 2);
    expect(() => store.db.prepare("UPDATE history SET actor = 'X'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM history').run()).toThrow(/append-only/);
  });

  it('audit verify passes an untouched chain and detects an edited row', () => {
    const { path, key, store } = newStore();
    appendSome(store, 5);
    expect(store.history.verify()).toMatchObject({ ok: true, rows: 5 });
    store.close();
    const raw = new Database(path); // an attacker with file access: drops the guard and edits a row
    raw.exec("DROP TRIGGER history_no_update; UPDATE history SET actor = 'U_EVIL' WHERE seq = 3");
    raw.close();
    const reopened = createStore(path, key);
    expect(reopened.history.verify()).toMatchObject({ ok: false, seq: 3, problem: 'row 3 was changed after it was written' });
  });

  it('audit verify detects a deleted row in the middle and at the end', () => {
    for (const [seq, problem] of [
      [2, /row 2 is missing/],
      [5, /rows 5..5 were deleted from the end/],
    ] as const) {
      const { path, key, store } = newStore();
      appendSome(store, 5);
      store.close();
      const raw = new Database(path);
      raw.exec(`DROP TRIGGER history_no_delete; DELETE FROM history WHERE seq = ${seq}`);
      raw.close();
      expect(createStore(path, key).history.verify()).toMatchObject({ ok: false, problem: expect.stringMatching(problem) });
    }
  });

  it('keeps vault values encrypted on disk and erases them for good', () => {
    const { path, store } = newStore();
    const value = `secret-value-${randomBytes(8).toString('hex')}`;
    const id = store.vault.put({ requestId: null, purpose: 'reveal', value, recipient: 'U1', now: 1 });
    expect(store.vault.get(id)?.reveal()).toBe(value);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(path).includes(Buffer.from(value))).toBe(false);
    expect(store.vault.erase(id, 2)).toBe(true);
    expect(store.vault.get(id)).toBeNull();
  });

  it('does not decrypt a vault value under another key', () => {
    const { path, store } = newStore();
    const id = store.vault.put({ requestId: null, purpose: 'reveal', value: 'abc', now: 1 });
    store.close();
    expect(() => createStore(path, randomBytes(32)).vault.get(id)).toThrow();
  });

  it('lets only the recipient claim a reveal, and only while it is not erased', () => {
    const { store } = newStore();
    const id = store.vault.put({ requestId: null, purpose: 'reveal', value: 'abc', recipient: 'U1', now: 1 });
    expect(store.vault.claimReveal(id, 'U2', 10).status).toBe('not-recipient');
    expect(store.vault.claimReveal(id, 'U1', 10).status).toBe('ok');
    expect(store.vault.claimReveal(id, 'U1', 11).status).toBe('busy');
    store.vault.erase(id, 12);
    expect(store.vault.claimReveal(id, 'U1', 13).status).toBe('gone');
  });

  it('erases values whose time ran out', () => {
    const { store } = newStore();
    const id = store.vault.put({ requestId: null, purpose: 'reveal', value: 'abc', recipient: 'U1', now: 1, expiresAt: 100 });
    expect(store.vault.eraseExpired(99)).toEqual([]);
    expect(store.vault.eraseExpired(100)).toEqual([{ id, requestId: null, purpose: 'reveal' }]);
    expect(store.vault.get(id)).toBeNull();
  });

  it('reports an unwritable database to the health check', () => {
    const { path, store } = newStore();
    expect(store.isWritable(1)).toBe(true);
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    expect(store.isWritable(2)).toBe(false);
    other.exec('ROLLBACK');
    other.close();
    expect(store.isWritable(3)).toBe(true);
  });
});

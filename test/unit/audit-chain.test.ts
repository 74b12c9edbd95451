import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { tempDir } from '../harness/env.js';

const appendSome = (store: ReturnType<typeof createStore>, n: number) => {
  for (let i = 0; i < n; i++)
    store.tx(() => store.history.append({ requestId: null, event: `event-${i}`, actor: 'U1', at: 1_000 + i, data: { i } }));
};

/**
 * What someone with write access to the file but without KEYBOT_SECRET_KEY can do: rewrite every
 * row and recompute the whole SHA-256 chain, as the unkeyed chain allowed.
 */
function rewriteChain(path: string, actor: string): void {
  const db = new Database(path);
  db.exec('DROP TRIGGER history_no_update');
  const rows = db.prepare('SELECT * FROM history ORDER BY seq').all() as Array<Record<string, unknown>>;
  let prev = '0'.repeat(64);
  for (const r of rows) {
    const hash = createHash('sha256')
      .update(JSON.stringify([prev, r['seq'], r['request_id'], r['event'], actor, r['at'], r['data']]))
      .digest('hex');
    db.prepare('UPDATE history SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(actor, prev, hash, r['seq']);
    prev = hash;
  }
  db.close();
}

describe('audit: the keyed history chain', () => {
  it('fails verification after a full rewrite of the chain by someone without the key', () => {
    const path = join(tempDir(), 'keybot.db');
    const key = randomBytes(32);
    const store = createStore(path, key);
    appendSome(store, 4);
    expect(store.history.verify()).toMatchObject({ ok: true, rows: 4 });
    store.close();
    rewriteChain(path, 'U_EVIL');
    const reopened = createStore(path, key);
    expect(reopened.history.verify()).toMatchObject({ ok: false, seq: 1, problem: expect.stringMatching(/MAC of KEYBOT_SECRET_KEY/) });
    reopened.close();
  });

  it('fails under another KEYBOT_SECRET_KEY, and the head names the last row', () => {
    const path = join(tempDir(), 'keybot.db');
    const key = randomBytes(32);
    const store = createStore(path, key);
    appendSome(store, 3);
    const result = store.history.verify();
    expect(result).toMatchObject({ ok: true, head: store.history.head() });
    expect(store.history.head()).toMatchObject({ seq: 3, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    store.close();
    expect(createStore(path, randomBytes(32)).history.verify()).toMatchObject({ ok: false, seq: 1 });
  });

  it('keys the rows of a database from before the keyed chain at its first start, and keeps verifying them', () => {
    const path = join(tempDir(), 'keybot.db');
    const old = new Database(path); // a database of schema version 2, with unkeyed rows
    old.pragma('journal_mode = WAL');
    MIGRATIONS.slice(0, 2).forEach((sql, i) => {
      old.exec(sql);
      old.pragma(`user_version = ${i + 1}`);
    });
    let prev = '0'.repeat(64);
    for (let seq = 1; seq <= 3; seq++) {
      const row = [seq, null, `old-${seq}`, 'U1', 1_000 + seq, '{}'] as const;
      const hash = createHash('sha256')
        .update(JSON.stringify([prev, ...row]))
        .digest('hex');
      old
        .prepare('INSERT INTO history (seq, request_id, event, actor, at, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(...row, prev, hash);
      prev = hash;
    }
    old.close();
    const key = randomBytes(32);
    const store = createStore(path, key);
    appendSome(store, 2);
    expect(store.history.verify()).toMatchObject({ ok: true, rows: 5 });
    expect(() => store.db.prepare("UPDATE history SET mac = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    store.close();
    rewriteChain(path, 'U_EVIL');
    expect(createStore(path, key).history.verify()).toMatchObject({ ok: false, seq: 1 });
  });
});

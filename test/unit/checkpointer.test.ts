import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';

const MB = 1024 * 1024;
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** 20 MB written in 50 commits over about 2.5 s; returns the largest the WAL file grew meanwhile. */
async function write20Mb(checkpointer: boolean): Promise<number> {
  dir = mkdtempSync(join(tmpdir(), 'keybot-ckpt-'));
  const path = join(dir, 'keybot.db');
  const store = createStore(path, randomBytes(32), { checkpointer });
  try {
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0); // SQLite's default is 1000 pages
    store.db.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, body BLOB)');
    const insert = store.db.prepare('INSERT INTO scratch (body) VALUES (?)');
    let largest = 0;
    for (let i = 0; i < 50; i++) {
      store.tx(() => {
        for (let j = 0; j < 40; j++) insert.run(randomBytes(10_000));
      });
      largest = Math.max(largest, statSync(`${path}-wal`).size);
      await new Promise((r) => setTimeout(r, 50));
    }
    return largest;
  } finally {
    store.close();
  }
}

describe('checkpoints', () => {
  it('happen in the checkpoint thread, not in commits: the WAL stays small while 20 MB are written', async () => {
    expect(await write20Mb(true)).toBeLessThan(16 * MB);
  });

  it('never happen inside a commit: without the thread the WAL keeps all 20 MB until the connection closes', async () => {
    expect(await write20Mb(false)).toBeGreaterThanOrEqual(20 * MB);
  });
});

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ImportSession } from '../../src/importers/index.js';
import { Secret } from '../../src/secret.js';
import type { StagedItem } from '../../src/store/import-items.js';
import { createStore } from '../../src/store/index.js';
import { tempDir } from '../harness/env.js';

const staged = (n: number, prefix: string): StagedItem[] =>
  Array.from({ length: n }, (_, idx) => ({
    idx,
    ref: `${prefix}-${idx}`,
    status: 'ready' as const,
    fingerprint: `fp-${prefix}-${idx}`,
    secret: { key: new Secret(`${prefix}-value-${idx}`), session: { apply_policies: [] } as unknown as ImportSession },
  }));

describe('import items: erasing a batch sealed values in steps', () => {
  it('erases every sealed value of the batch (none of another), a turn of the event loop between steps', async () => {
    const path = join(tempDir(), 'keybot.db');
    const store = createStore(path, randomBytes(32));
    store.importItems.stage('imp_a', staged(5_001, 'a'));
    store.importItems.stage('imp_b', staged(10, 'b'));
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    const erased = await store.importItems.eraseSecretsGradually('imp_a', 1_000);
    clearInterval(tick);
    expect(erased).toBe(5_001);
    expect(turns).toBeGreaterThan(0); // timers ran between the steps: the thread was not held for the whole batch
    const raw = new Database(path, { readonly: true });
    const sealed = (id: string) =>
      (raw.prepare('SELECT COUNT(*) AS n FROM import_items WHERE request_id = ? AND sealed IS NOT NULL').get(id) as { n: number }).n;
    expect(sealed('imp_a')).toBe(0);
    expect(sealed('imp_b')).toBe(10);
    raw.close();
    expect(await store.importItems.eraseSecretsGradually('imp_a', 1_000)).toBe(0); // safe to repeat
    expect(store.importItems.eraseSecrets('imp_a')).toBe(0); // the final transaction finds nothing left
    store.close();
  });
});

import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seal } from '../../src/store/cipher.js';
import { createStore } from '../../src/store/index.js';
import { isRefusal } from '../../src/workflows/refusal.js';
import { insertBareRequest } from '../harness/bare-request.js';
import { tempDir } from '../harness/env.js';
import { type Harness, startHarness } from '../harness/harness.js';
import { requestImport } from '../harness/import-steps.js';
import { requestRotation, revealValue } from '../harness/rotation-steps.js';
import { findLeaks } from '../harness/secret-scan.js';
import { USERS } from '../harness/users.js';

const RAW = 'retention-old-key-0001';
const KEYS = ['retention-import-0001', 'retention-import-0002'];
const CSV = Buffer.from(`key,alias,api_ids\n${KEYS[0]},one,orders-api\n${KEYS[1]},two,orders-api\n`);

let h: Harness;

const status = (id: string) => h.bot.store.requests.get(id)?.status;
const events = (id: string) => h.bot.store.history.forRequest(id).map((e) => e.event);

/**
 * Everything the request still holds that can be decrypted: its vault values and its import items'
 * keys and key IDs, opened with KEYBOT_SECRET_KEY. Empty once the request is forgotten.
 */
function openable(id: string): string[] {
  const { db, vault, importItems } = h.bot.store;
  const values: string[] = [];
  for (const { id: v } of db.prepare('SELECT id FROM vault WHERE request_id = ? AND ciphertext IS NOT NULL').all(id) as Array<{
    id: string;
  }>)
    values.push(vault.get(v)?.reveal() ?? '');
  const items = db.prepare(
    'SELECT COUNT(*) AS n FROM import_items WHERE request_id = ? AND (sealed IS NOT NULL OR token_sealed IS NOT NULL)',
  );
  if ((items.get(id) as { n: number }).n > 0)
    values.push(...[...importItems.created(id)].map((c) => c.handle.reveal()), 'sealed import items');
  return values;
}

const walBytes = () => {
  try {
    return statSync(`${h.config.dbPath}-wal`).size;
  } catch {
    return 0;
  }
};

describe('retention: what a request sealed is erased once nothing needs it', () => {
  afterEach(() => h.close());

  it('a rotation: the new key ID at retirement, the old key after the restore window; Restore is refused then', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m', RESTORE_WINDOW: '2h' } });
    h.tyk.seedKey({ raw: RAW, session: { alias: 'retention', apply_policies: ['silver-policy'] } });
    const id = await requestRotation(h, `${RAW} --grace 10m`);
    const newKey = await revealValue(h, USERS.requester);
    h.clock.advance('11m');
    await h.until(() => status(id) === 'succeeded', 'retirement');
    // Only the old key's reference is left, for Restore.
    expect(openable(id)).toHaveLength(1);

    h.clock.advance('2h');
    await h.until(() => events(id).includes('secrets-erased'), 'the erasure after the restore window');
    expect(openable(id)).toEqual([]);
    expect(findLeaks(h, [RAW, newKey])).toEqual([]);
    expect(walBytes()).toBeLessThan(1024 * 1024);

    const restore = await h.bot.workflows.rotation.restore(id, USERS.approver1);
    expect(isRefusal(restore) && restore.message).toContain('The restore window (RESTORE_WINDOW)');
  });

  it('a rejected import erases its sealed keys at once', async () => {
    h = await startHarness();
    const r = await requestImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: CSV }] });
    expect(openable(r.id).length).toBeGreaterThan(0);
    const msg = await h.approvalMessage(r.id);
    await h.driver.click(msg, 'Reject', { user: USERS.approver1 });
    const modal = await h.slack.waitFor(() => h.slack.views(USERS.approver1).at(-1), { what: 'reject modal' });
    await h.driver.submitView(
      modal.view,
      { reason: { reason_input: { type: 'plain_text_input', value: 'wrong file' } } },
      { user: USERS.approver1 },
    );
    await h.until(() => status(r.id) === 'rejected', 'the rejection');
    expect(openable(r.id)).toEqual([]);
    expect(events(r.id)).toContain('secrets-erased');
    expect(findLeaks(h, KEYS)).toEqual([]);
  });

  it('an import that expires undecided erases its sealed keys', async () => {
    h = await startHarness({ env: { REQUEST_TTL: '1h' } });
    const r = await requestImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: CSV }] });
    h.clock.advance('61m');
    await h.until(() => status(r.id) === 'expired', 'the expiry');
    expect(openable(r.id)).toEqual([]);
    expect(findLeaks(h, KEYS)).toEqual([]);
  });

  it('a finished import keeps the created keys IDs for Undo, and erases them after the window', async () => {
    h = await startHarness({ env: { RESTORE_WINDOW: '1h' } });
    const r = await requestImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: CSV }] });
    await h.driver.click(await h.approvalMessage(r.id), 'Approve', { user: USERS.approver1 });
    await h.until(() => status(r.id) === 'succeeded', 'the import');
    expect(openable(r.id).length).toBeGreaterThan(0); // the IDs Undo deletes by
    h.clock.advance('61m');
    await h.until(() => events(r.id).includes('secrets-erased'), 'the erasure after the Undo window');
    expect(openable(r.id)).toEqual([]);
    const undo = await h.bot.workflows.imports.checkUndo(r.id, USERS.approver1);
    expect(isRefusal(undo) && undo.message).toContain('The Undo window (RESTORE_WINDOW)');
  });
});

describe('vault AAD', () => {
  const store = () => createStore(join(tempDir(), 'keybot.db'), randomBytes(32));

  it('a sealed value moved to another request or recipient in SQL no longer opens', () => {
    const s = store();
    for (const id of ['req_a', 'req_b']) insertBareRequest(s, id);
    const put = () => s.vault.put({ requestId: 'req_a', purpose: 'reveal', value: 'the-secret', recipient: 'U1', now: 1 });
    const moved = put();
    s.db.prepare("UPDATE vault SET request_id = 'req_b' WHERE id = ?").run(moved);
    expect(() => s.vault.get(moved)).toThrow();
    const redirected = put();
    s.db.prepare("UPDATE vault SET recipient = 'U2' WHERE id = ?").run(redirected);
    expect(() => s.vault.get(redirected)).toThrow();
    expect(s.vault.get(put())?.reveal()).toBe('the-secret');
    s.close();
  });

  it('a value sealed before migration 7 (bound to its row ID only) still opens', () => {
    const key = randomBytes(32);
    const s = createStore(join(tempDir(), 'keybot.db'), key);
    const old = seal(key, 'sealed-by-an-older-version', 'vlt_old');
    s.db
      .prepare("INSERT INTO vault (id, purpose, iv, ciphertext, created_at, aad_version) VALUES ('vlt_old', 'reveal', ?, ?, 1, 1)")
      .run(old.iv, old.ciphertext);
    expect(s.vault.get('vlt_old')?.reveal()).toBe('sealed-by-an-older-version');
    s.close();
  });
});

import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { fingerprint } from '../../src/secret.js';
import { cliTerminal } from '../harness/cli-env.js';
import { type Harness, startHarness } from '../harness/harness.js';
import { reportOf, requestImport } from '../harness/import-steps.js';
import { findLeaks } from '../harness/secret-scan.js';
import { USERS } from '../harness/users.js';

let h: Harness;
afterEach(() => h.close());

const KEYS = ['hist-import-key-0001', 'hist-import-key-0002', 'hist-import-key-0003'];
const FILE = Buffer.from(['key,alias,api_ids,rate,per', ...KEYS.map((k, i) => `${k},client-${i},orders-api,10,1`)].join('\n'));
const ORDERS = { 'orders-api': { api_id: 'orders-api', api_name: 'orders-api', versions: ['Default'] } };

const ask = async (text: string) => {
  const before = h.slack.messages({ ephemeralTo: USERS.requester }).length;
  await h.driver.command('/key-history', text, { user: USERS.requester });
  const m = await h.until(() => h.slack.messages({ ephemeralTo: USERS.requester })[before], '/key-history answer');
  return JSON.stringify(m.blocks ?? m.text);
};

const rows = (requestId: string, event: string) => h.bot.store.history.forRequest(requestId).filter((e) => e.event === event);
const fingerprintsIn = (requestId: string, event: string) => rows(requestId, event).flatMap((e) => e.data['fingerprints'] as string[]);

describe('the history of an import', () => {
  it('records the file digest and the fingerprints of every key created, overwritten and undone; a key finds its import', async () => {
    h = await startHarness();
    // the first key exists with other settings: overwritten, not created
    h.tyk.seedKey({ raw: KEYS[0] as string, session: { alias: 'old', rate: 99, per: 1, access_rights: ORDERS } });
    const r = await requestImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: FILE }], onConflict: 'overwrite' });
    await h.driver.click(await h.approvalMessage(r.id), 'Approve', { user: USERS.approver1 });
    const report = await h.until(() => reportOf(h, r.id), 'the import report');

    const [requested] = rows(r.id, 'requested');
    expect(requested?.data['files']).toEqual([
      { name: 'keys.csv', bytes: FILE.length, sha256: createHash('sha256').update(FILE).digest('hex') },
    ]);
    expect(fingerprintsIn(r.id, 'keys-overwritten')).toEqual([fingerprint(KEYS[0] as string)]);
    expect(fingerprintsIn(r.id, 'keys-created')).toEqual(KEYS.slice(1).map(fingerprint));

    // Slack and the CLI find the import by a key's value
    expect(await ask(KEYS[1] as string)).toContain(r.id);
    const t = cliTerminal();
    expect(await runCli(['history', KEYS[2] as string, '--json'], t.io, { KEYBOT_DB: h.config.dbPath })).toBe(0);
    const found = JSON.parse(t.out.join('')) as { id: string; history: { event: string }[] }[];
    expect(found.map((f) => f.id)).toEqual([r.id]);
    expect(found[0]?.history.map((e) => e.event)).toContain('keys-created');

    await h.driver.click(report, 'Undo import', { user: USERS.approver2 });
    const modal = await h.until(() => h.slack.views(USERS.approver2).at(-1), 'the undo confirmation');
    await h.driver.submitView(modal.view, {}, { user: USERS.approver2 });
    await h.until(() => rows(r.id, 'import-undone').length > 0, 'the undo');
    expect(fingerprintsIn(r.id, 'keys-undone')).toEqual(KEYS.slice(1).map(fingerprint));
    expect(h.bot.store.history.verify()).toMatchObject({ ok: true });
    expect(findLeaks(h, KEYS)).toEqual([]);
  });

  it('a key lookup does not wander from an import into the other keys of its batch', async () => {
    h = await startHarness();
    const r = await requestImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: FILE }] });
    await h.driver.click(await h.approvalMessage(r.id), 'Approve', { user: USERS.approver1 });
    await h.until(() => reportOf(h, r.id), 'the import report');
    const answer = await ask(KEYS[0] as string);
    expect(answer).toContain(r.id);
    expect(answer).toContain('(1 request,');
  });
});

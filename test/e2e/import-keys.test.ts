import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../src/secret.js';
import { type Harness, startHarness } from '../harness/harness.js';
import { reportOf, requestImport, submitImport } from '../harness/import-steps.js';
import { findLeaks } from '../harness/secret-scan.js';
import { USERS } from '../harness/users.js';

let h: Harness;
afterEach(() => h.close());

const csv = (rows: string[]) => Buffer.from(['key,alias,api_ids,rate,per,quota_max,quota_period', ...rows].join('\n'));
const KEYS = ['import-key-aaaa-0001', 'import-key-bbbb-0002', 'import-key-cccc-0003'];
const BASE = KEYS.map((k, i) => `${k},client-${i},orders-api,10,1,1000,hour`);

const dms = (user: string) =>
  h.slack
    .dms(user)
    .map((m) => m.text)
    .join('\n');

async function importAndApprove(rows: string[], form: { onConflict?: 'skip' | 'overwrite' } = {}) {
  const r = await requestImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: csv(rows) }], ...form });
  await h.driver.click(await h.approvalMessage(r.id), 'Approve', { user: USERS.approver1 });
  const report = await h.until(() => reportOf(h, r.id), 'the import report');
  return {
    r,
    report,
    csv:
      h.slack
        .uploads()
        .find((u) => u.filename === `import-${r.id}-results.csv`)
        ?.content.toString('utf8') ?? '',
  };
}

const posts = () => h.tyk.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/tyk/keys/')).length;

describe('/import-keys', () => {
  it('imports keys that then work with their original values, and a re-run changes nothing', async () => {
    h = await startHarness();
    const first = await importAndApprove(BASE);
    expect(first.report.text).toMatch(/^Import finished/);
    for (const k of KEYS) expect(h.tyk.consume('orders-api', k).status).toBe(200);
    expect(posts()).toBe(3);
    const again = await importAndApprove(BASE);
    expect(again.report.text).toMatch(/^Import finished/);
    expect(again.csv.match(/,identical,/g)).toHaveLength(3);
    expect(posts()).toBe(3); // nothing was written
    expect(findLeaks(h, KEYS)).toEqual([]);
  });

  it('never overwrites a key with other settings silently: conflict unless overwrite was chosen', async () => {
    h = await startHarness();
    h.tyk.seedKey({
      raw: KEYS[0],
      session: {
        alias: 'someone-else',
        access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'orders-api', versions: ['Default'] } },
        rate: 1,
        per: 1,
        quota_max: 1000,
        quota_renewal_rate: 3600,
      },
    });
    h.tyk.consume('orders-api', KEYS[0] as string); // a quota counter in use
    const skip = await importAndApprove(BASE);
    expect(skip.csv).toMatch(/row 1,\d*,fp:[0-9a-f]{8},client-0,conflict,.*differs in alias/);
    expect(h.tyk.findByRaw(KEYS[0] as string)?.session['alias']).toBe('someone-else');
    const over = await importAndApprove(BASE, { onConflict: 'overwrite' });
    expect(over.csv).toMatch(/client-0,overwritten/);
    const stored = await h.bot.tyk.keys.get({ raw: new Secret(KEYS[0] as string), orgId: h.bot.tyk.keys.orgId });
    expect(stored?.alias).toBe('client-0');
    expect(stored?.quota_remaining).toBe(999); // suppress_reset: the consumer's counter was not reset
  });

  it('reports invalid records with their line numbers and imports the valid ones', async () => {
    h = await startHarness();
    const { r, csv: results } = await importAndApprove([...BASE, ',no-key,orders-api,,,,', 'abc,too-short,orders-api,,,,']);
    const preview =
      h.slack.messages({ channel: h.config.approvalChannel }).find((m) => m.thread_ts && m.text.includes('*Preview*'))?.text ?? '';
    expect(preview).toContain('invalid 2');
    expect(preview).toMatch(/row 4 \(line 5\): missing_key/);
    expect(preview).toMatch(/row 5 \(line 6\): invalid_key/);
    expect(results).toMatch(/\r\nrow 4,5,,,invalid,missing_key,/);
    expect(h.bot.store.requests.get(r.id)?.status).toBe('succeeded');
    for (const k of KEYS) expect(h.tyk.findByRaw(k)).toBeDefined();
    expect(h.tyk.findByRaw('abc')).toBeUndefined();
  });

  it('a dry run shows the preview by DM and requests and changes nothing', async () => {
    h = await startHarness();
    await submitImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: csv(BASE) }], dryRun: true });
    await h.until(() => dms(USERS.requester).includes('*Dry run*'), 'the dry-run preview');
    expect(dms(USERS.requester)).toContain('new 3');
    expect(h.bot.store.requests.byRequester(USERS.requester)).toHaveLength(0);
    expect(h.tyk.keys()).toHaveLength(0);
    expect(h.bot.store.db.prepare('SELECT COUNT(*) AS n FROM import_items').get()).toEqual({ n: 0 });
  });

  it.each([
    ['a binary file', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10]), /binary|not text|UTF-8/i],
    ['UTF-16 text', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('key,alias\n', 'utf16le')]), /UTF-16/],
    ['a formula in a cell, which the results file neutralises', csv([...BASE, 'formula-key-0004,=cmd|/C calc!A0,orders-api,,,,']), null],
  ])('%s gets a clear answer and nothing is half-applied', async (_what, content, message) => {
    h = await startHarness();
    if (message) {
      await submitImport(h, { format: 'csv', files: [{ name: 'keys.csv', content }] });
      await h.until(() => message.test(dms(USERS.requester)), 'the explanation');
      expect(h.bot.store.requests.byRequester(USERS.requester)).toHaveLength(0);
      expect(h.tyk.keys()).toHaveLength(0);
      return;
    }
    const { csv: results } = await importAndApprove([...BASE, 'formula-key-0004,=cmd|/C calc!A0,orders-api,,,,']);
    expect(results).toContain(",'=cmd|/C calc!A0,");
  });

  it('Undo import deletes exactly the keys the batch created, for approvers only', async () => {
    h = await startHarness();
    h.tyk.seedKey({
      raw: KEYS[0],
      session: {
        alias: 'client-0',
        rate: 10,
        per: 1,
        quota_max: 1000,
        quota_renewal_rate: 3600,
        access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'orders-api', versions: ['Default'] } },
      },
    });
    const { r, report } = await importAndApprove(BASE);
    expect(report.text).toMatch(/^Import finished/);
    await h.driver.click(report, 'Undo import', { user: USERS.requester });
    await h.until(
      () => h.slack.messages({ ephemeralTo: USERS.requester }).some((m) => m.text.includes('Only approvers can undo')),
      'refusal',
    );
    await h.driver.click(report, 'Undo import', { user: USERS.approver2 });
    const modal = await h.until(() => h.slack.views(USERS.approver2).at(-1), 'the confirmation');
    await h.driver.submitView(modal.view, {}, { user: USERS.approver2 });
    await h.until(
      () => h.slack.messages({ channel: h.config.approvalChannel }).some((m) => m.text.startsWith('Import undone')),
      'the undo report',
    );
    expect(h.tyk.findByRaw(KEYS[0] as string)).toBeDefined(); // it existed before the import
    expect(h.tyk.findByRaw(KEYS[1] as string)).toBeUndefined();
    expect(h.tyk.findByRaw(KEYS[2] as string)).toBeUndefined();
    expect(h.bot.store.history.forRequest(r.id).map((e) => e.event)).toEqual(expect.arrayContaining(['undo-requested', 'import-undone']));
  });

  it('Cancel stops a running batch and keeps what was done', async () => {
    h = await startHarness({ env: { IMPORT_CONCURRENCY: '1' } });
    const rows = Array.from({ length: 200 }, (_, i) => `cancel-key-${String(i).padStart(4, '0')},c${i},orders-api,,,,`);
    const r = await requestImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: csv(rows) }] });
    h.tyk.faults.latencyMs = 20;
    await h.driver.click(await h.approvalMessage(r.id), 'Approve', { user: USERS.approver1 });
    const progress = await h.slack.waitFor(
      () => h.slack.messages({ channel: h.config.approvalChannel }).find((m) => m.text.startsWith('Importing')),
      { what: 'the progress message' },
    );
    await h.driver.click(progress, 'Cancel', { user: USERS.requester });
    h.clock.advance('2s');
    const report = await h.until(() => reportOf(h, r.id), 'the report');
    expect(report.text).toMatch(/^Import cancelled/);
    const made = h.tyk.keys().length;
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(200);
    expect(h.bot.store.requests.get(r.id)?.status).toBe('partial');
  });
});

describe('/import-keys into other places', () => {
  it('detects keys that would land in another org than their API, in the preview and after the import', async () => {
    h = await startHarness({ env: { TYK_ORG_ID: '000000000000000000000bad' } });
    const { r, csv: results } = await importAndApprove(BASE);
    const preview = h.slack.messages({ channel: h.config.approvalChannel }).find((m) => !m.thread_ts && m.text.includes(r.id));
    expect(JSON.stringify(preview?.blocks)).toContain('belongs to another org than 000000000000000000000bad');
    // the key exists (a re-run finds it), so it is reported created, with what the read-back found
    expect(results).toMatch(/,created,.*not usable by its value/);
    expect(results).not.toMatch(/,failed,/);
    expect(h.tyk.consume('orders-api', KEYS[0] as string).status).toBe(403); // what a consumer would have got
  });

  it('imports Portal custom credentials that consumers can use with their original values', async () => {
    h = await startHarness({ portal: true });
    const app = h.tyk.portal.addApp({ name: 'migrated', userId: h.tyk.portal.defaults.userId });
    const r = await requestImport(h, {
      format: 'csv',
      files: [{ name: 'keys.csv', content: csv(BASE) }],
      target: 'portal',
      portal: `app=${app.id} plan=${h.tyk.portal.defaults.planId} products=${h.tyk.portal.defaults.productId}`,
    });
    await h.driver.click(await h.approvalMessage(r.id), 'Approve', { user: USERS.approver1 });
    const report = await h.until(() => reportOf(h, r.id), 'the import report');
    expect(report.text).toMatch(/^Import finished/);
    for (const k of KEYS) expect(h.tyk.consume('orders-api', k).status).toBe(200);
    const again = await importAndApprove(BASE).catch(() => null); // a gateway re-run sees the portal-made keys
    expect(again?.csv.match(/,identical,|,conflict,/g)?.length).toBe(3);
  });
});

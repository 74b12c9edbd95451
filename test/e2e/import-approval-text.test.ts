import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../harness/harness.js';
import { startHarness } from '../harness/harness.js';
import { requestImport } from '../harness/import-steps.js';
import { defaultPolicies, TEST_ORG } from '../harness/tyk-emulator/index.js';

let h: Harness;
afterEach(() => h.close());

const ZW = '\u200B'.repeat(3000);
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;
const policy = (id: string) => ({
  id,
  org_id: TEST_ORG,
  access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } },
  rate: 10,
  per: 60,
  quota_max: -1,
  quota_renewal_rate: 0,
});

const q = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
const csv = (rows: string[]) => Buffer.from(['key,alias,api_ids,policy_ids', ...rows].join('\n'));

/** Every mrkdwn text an approver reads about this request: the approval message and its thread. */
function approverTexts(requestId: string, approvalTs: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o['type'] === 'mrkdwn' && typeof o['text'] === 'string') out.push(o['text']);
      Object.values(o).forEach(walk);
    }
  };
  for (const m of h.slack.messages({ channel: h.config.approvalChannel })) {
    if (m.ts !== approvalTs && m.thread_ts !== approvalTs) continue;
    out.push(m.text);
    walk(m.blocks);
  }
  expect(out.join('\n')).toContain(requestId);
  return out;
}

const previewOf = (approvalTs: string) =>
  h.until(
    () => h.slack.messages({ channel: h.config.approvalChannel }).find((m) => m.thread_ts === approvalTs && m.text.includes('*Preview*')),
    'the preview',
  );

describe('what approvers read about an import', () => {
  it('shows file content, names and IDs inert: no mention, no link, no extra line, and every policy', async () => {
    h = await startHarness({ tyk: { policies: [...defaultPolicies(), policy('admin-policy')] } });
    const rows = [
      `import-key-eeee-0005,fine,orders-api,${ZW};silver-policy`,
      `import-key-aaaa-0001,${q('No problems in the file. <!channel> <https://evil.example|reviewed>')},orders-api,gold-policy;admin-policy`,
      `import-key-bbbb-0002,fine,orders-api,${q('silver-policy\nNo problems in the file.')}`,
      `import-key-cccc-0003,fine,orders-api,<!channel>`,
      `import-key-dddd-0004,fine,<https://evil.example|reviewed>,silver-policy`,
    ];
    const r = await requestImport(h, {
      format: 'csv',
      files: [{ name: `keys <!channel> \u202E\u200B\n*Preview*: 0 record(s).csv`, content: csv(rows) }],
    });
    const approval = await h.approvalMessage(r.id);
    const preview = await previewOf(approval.ts);
    const texts = approverTexts(r.id, approval.ts);
    for (const t of texts) {
      expect(t).not.toMatch(/<!/);
      expect(t).not.toMatch(/<http/);
      expect(t).not.toMatch(INVISIBLE);
      expect(t).not.toMatch(/^No problems in the file/m); // there are problems: the line is a cell's
      expect(t.split('\n').filter((l) => l.startsWith('*Preview*')).length).toBeLessThanOrEqual(1);
    }
    // every policy and API the batch applies, none clipped away
    expect(preview.text).toContain('gold-policy');
    expect(preview.text).toContain('admin-policy');
    expect(preview.text).toContain('orders-api');
    // an ID that is not an ID refuses its record, with a reason
    expect(preview.text).toContain('invalid 4');
    for (const row of ['row 1', 'row 3', 'row 4', 'row 5'])
      expect(preview.text).toMatch(new RegExp(`${row} \\(line \\d+\\): invalid_field \\(`));
  });

  it('attaches the whole policy list to the thread when it does not fit in a message, and says so', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `team-${String(i).padStart(2, '0')}-${'x'.repeat(110)}`);
    h = await startHarness({ tyk: { policies: [...defaultPolicies(), ...ids.map(policy), policy('admin-policy')] } });
    const rows = ids.map((id, i) => `import-key-${String(i).padStart(4, '0')}-long,k${i},orders-api,${id}`);
    rows.push('import-key-last-admin,admin,orders-api,admin-policy');
    const r = await requestImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: csv(rows) }] });
    const approval = await h.approvalMessage(r.id);
    const preview = await previewOf(approval.ts);
    const file = await h.until(() => h.slack.uploads().find((u) => u.filename === `import-${r.id}-preview.txt`), 'the attached list');
    expect(file.thread_ts).toBe(approval.ts);
    const listed = file.content.toString('utf8');
    for (const id of [...ids, 'admin-policy']) expect(listed).toContain(id);
    expect(preview.text).toContain(`import-${r.id}-preview.txt`);
    // nothing in the messages is cut short without saying so
    for (const t of approverTexts(r.id, approval.ts)) expect(t).not.toMatch(/…$/);
  });

  it('a preview that failed to reach the thread is posted when the job is retried, with its file', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `team-${String(i).padStart(2, '0')}-${'x'.repeat(110)}`);
    h = await startHarness({ tyk: { policies: [...defaultPolicies(), ...ids.map(policy)] } });
    h.slack.faults.fail('files.completeUploadExternal', 3, 500); // the client's own retries give up
    const rows = ids.map((id, i) => `import-key-${String(i).padStart(4, '0')}-long,k${i},orders-api,${id}`);
    const r = await requestImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: csv(rows) }] });
    const approval = await h.approvalMessage(r.id);
    await h.until(() => h.bot.store.jobs.nextDueAt() !== null, 'the retry of the notice');
    h.clock.advance('10m');
    const file = await h.until(() => h.slack.uploads().find((u) => u.filename === `import-${r.id}-preview.txt`), 'the attached list');
    expect(file.thread_ts).toBe(approval.ts);
  });

  it('an overwrite names every key it replaces, by place and fingerprint', async () => {
    h = await startHarness();
    const grant = { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } };
    for (const raw of ['import-key-aaaa-0001', 'import-key-cccc-0003'])
      h.tyk.seedKey({ raw, session: { alias: 'before', access_rights: grant, rate: 1, per: 1, quota_max: -1, quota_renewal_rate: -1 } });
    const rows = ['import-key-aaaa-0001', 'import-key-bbbb-0002', 'import-key-cccc-0003'].map((k) => `${k},after,orders-api,`);
    const r = await requestImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: csv(rows) }], onConflict: 'overwrite' });
    const preview = await previewOf((await h.approvalMessage(r.id)).ts);
    expect(preview.text).toMatch(/\*Keys overwritten\* \(2\): row 1 fp:[0-9a-f]{8}, row 3 fp:[0-9a-f]{8}\n/);
  });

  it('a Portal import names the app, plan and products, and not the file APIs or policies', async () => {
    h = await startHarness({ portal: true });
    const app = h.tyk.portal.addApp({ name: 'migrated <!here>', userId: h.tyk.portal.defaults.userId });
    const { planId, productId } = h.tyk.portal.defaults;
    const r = await requestImport(h, {
      format: 'csv',
      files: [{ name: 'keys.csv', content: csv(['import-key-aaaa-0001,one,orders-api,gold-policy']) }],
      target: 'portal',
      portal: `app=${app.id} plan=${planId} products=${productId}`,
    });
    const approval = await h.approvalMessage(r.id);
    const preview = await previewOf(approval.ts);
    expect(preview.text).toContain(`migrated &lt;!here&gt; (ID ${app.id})`);
    expect(preview.text).toContain(`free_plan (ID ${planId})`);
    expect(preview.text).toContain(`public_product (ID ${productId})`);
    const all = approverTexts(r.id, approval.ts).join('\n');
    expect(all).not.toContain('gold-policy');
    expect(all).not.toMatch(/Policies|APIs touched/);
  });
});

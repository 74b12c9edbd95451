import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { FIXTURES, fixture, reportOf, requestImport } from '../harness/import-steps.js';
import { findLeaks } from '../harness/secret-scan.js';
import { TEST_ORG } from '../harness/tyk-emulator/index.js';
import { USERS } from '../harness/users.js';

interface OracleRecord {
  ref: string;
  result: 'ok' | 'skipped' | 'error';
  key?: string;
  session?: Record<string, unknown>;
  reason?: string;
  error?: string;
}
interface Oracle {
  input: string;
  aux_inputs: Record<string, string>;
  options: { reference_time: number };
  records: OracleRecord[];
}

const ORACLES = [
  ['kong', 'kong-deck.expected.json'],
  ['aws', 'aws-api-keys.expected.json'],
  ['aws', 'aws-import.expected.json'],
  ['apigee', 'apigee-apps.expected.json'],
  ['azure', 'azure-subscriptions.expected.json'],
  ['tyk', 'tyk-sessions.expected.json'],
  ['csv', 'generic.expected.json'],
] as const;

const SESSION_FIELDS = [
  'alias',
  'rate',
  'per',
  'quota_max',
  'quota_renewal_rate',
  'expires',
  'is_inactive',
  'access_rights',
  'apply_policies',
  'meta_data',
  'tags',
];

let h: Harness;
afterEach(() => h.close());

/** The Tyk world an export assumes: its APIs and policies exist in the target org. */
function worldFor(o: Oracle) {
  const ok = o.records.filter((r) => r.result === 'ok');
  const apiIds = new Set(ok.flatMap((r) => Object.keys(r.session?.['access_rights'] as object)));
  const policyIds = new Set(ok.flatMap((r) => r.session?.['apply_policies'] as string[]));
  return {
    apis: [...apiIds].map((id) => ({ api_id: id, name: id, org_id: TEST_ORG, listen_path: `/${id}/` })),
    policies: [...policyIds].map((id) => ({
      id,
      org_id: TEST_ORG,
      access_rights: { [[...apiIds][0] as string]: { api_id: [...apiIds][0] as string, api_name: 'x', versions: ['Default'] } },
      rate: -1,
      per: -1,
      quota_max: -1,
      quota_renewal_rate: -1,
    })),
  };
}

describe('importing each shared sample export through Slack', () => {
  it.each(ORACLES)('%s: %s lands in Tyk exactly as its oracle says', async (format, oracleFile) => {
    const o = JSON.parse(readFileSync(join(FIXTURES, oracleFile), 'utf8')) as Oracle;
    h = await startHarness({ clockStart: o.options.reference_time * 1000, tyk: worldFor(o) });
    const files = [o.input, ...Object.values(o.aux_inputs)].map((name) => ({ name, content: fixture(name) }));
    const r = await requestImport(h, { format, files, exportTime: String(o.options.reference_time) });
    const thread = await h.until(
      () => h.slack.messages({ channel: h.config.approvalChannel }).find((m) => m.thread_ts && m.text.includes('*Preview*')),
      'the preview',
    );
    expect(thread.text).toContain(`invalid ${o.records.filter((x) => x.result === 'error').length}`);
    for (const bad of o.records.filter((x) => x.result === 'error').slice(0, 3)) expect(thread.text).toContain(bad.ref);

    await h.driver.click(await h.approvalMessage(r.id), 'Approve', { user: USERS.approver1 });
    const report = await h.until(() => reportOf(h, r.id), 'the import report');
    expect(report.text).toMatch(/^Import finished/);
    // what the preview said is what happened
    const planned = Number(/new (\d+) ·/.exec(thread.text)?.[1]);
    expect(JSON.stringify(report.blocks ?? report.text)).toContain(`created ${planned},`);

    for (const rec of o.records) {
      const stored = rec.key ? h.tyk.findByRaw(rec.key) : undefined;
      if (rec.result !== 'ok') {
        // a skipped or invalid record is never created (a duplicate's key belongs to its first record)
        if (rec.key && !o.records.some((x) => x.result === 'ok' && x.key === rec.key)) expect(stored, rec.ref).toBeUndefined();
        continue;
      }
      expect(stored, rec.ref).toBeDefined();
      const picked = Object.fromEntries(SESSION_FIELDS.map((f) => [f, stored?.session[f]]));
      expect(picked, rec.ref).toEqual(rec.session);
      const api = Object.keys(rec.session?.['access_rights'] as object)[0];
      if (api && !rec.session?.['is_inactive']) expect(h.tyk.consume(api, rec.key as string).status, `${rec.ref} at its API`).toBe(200);
    }

    const csv =
      h.slack
        .uploads()
        .find((u) => u.filename === `import-${r.id}-results.csv`)
        ?.content.toString('utf8') ?? '';
    expect(csv.trim().split('\r\n')).toHaveLength(o.records.length + 1);
    const keys = o.records.flatMap((x) => (x.key && x.key.length >= 8 ? [x.key] : []));
    expect(findLeaks(h, keys)).toEqual([]);
    expect(keys.some((k) => csv.includes(k))).toBe(false);

    // a re-run previews every created key as identical and writes nothing
    const writes = () => h.tyk.calls.filter((c) => c.method !== 'GET').length;
    const before = writes();
    const again = await requestImport(h, { format, files, exportTime: String(o.options.reference_time) });
    const approval = await h.approvalMessage(again.id);
    const second = await h.until(
      () =>
        h.slack.messages({ channel: h.config.approvalChannel }).find((m) => m.thread_ts === approval.ts && m.text.includes('*Preview*')),
      'the second preview',
    );
    expect(second.text).toContain(`new 0 · identical ${planned} · conflict 0`);
    expect(writes()).toBe(before);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { cliGatewayEnv } from '../harness/cli-env.js';
import { tempDir } from '../harness/env.js';
import { startTykEmulator, type TykEmulator } from '../harness/tyk-emulator/index.js';

// What the preview says is what Tyk ends up with: each case previews with --dry-run --json, runs, and re-runs.
let emu: TykEmulator;
let env: Record<string, string>;

beforeEach(async () => {
  emu = await startTykEmulator();
  const dir = tempDir('keybot-cli-truth-');
  env = cliGatewayEnv(emu.url, dir);
});
afterEach(() => emu.close());

interface Out {
  request_id: string | null;
  status: string;
  summary: Record<string, number>;
  records: Array<{ ref: string; fingerprint: string | null; status: string; error?: string }>;
}

async function cli(args: string[], e = env): Promise<{ code: number; out: Out | null; text: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => void out.push(t), err: (t) => void err.push(t), isTty: false }, e);
  const text = out.join('');
  let parsed: Out | null = null;
  try {
    parsed = JSON.parse(text) as Out;
  } catch {}
  return { code, out: parsed, text: text + err.join('') };
}

const csvFile = (rows: string[]) => {
  const path = join(tempDir('keybot-cli-truth-in-'), 'keys.csv');
  writeFileSync(path, `key,alias,api_ids,policy_ids,expires,is_inactive\n${rows.join('\n')}\n`);
  return path;
};
const imp = (path: string, ...more: string[]) => ['import', path, '--format', 'csv', '--target', 'gateway', '--json', ...more];
const statuses = (o: Out | null) => o?.records.map((r) => [r.ref, r.status, r.error ?? '']);
const planOf = (o: Out | null) => o?.records.map((r) => r.status.replace(/^created$/, 'new').replace(/^overwritten$/, 'conflict'));

/** Dry run, run, dry run again: the plan is the outcome, and the re-run finds every created key identical. */
async function planRunReplan(path: string, ...more: string[]) {
  const plan = await cli([...imp(path, ...more), '--dry-run']);
  const writesBefore = emu.calls.filter((c) => c.method !== 'GET').length;
  expect(writesBefore, 'a dry run writes nothing').toBe(0);
  const run = await cli(imp(path, ...more));
  expect(planOf(run.out), 'the run does what the preview said').toEqual(planOf(plan.out));
  const writes = emu.calls.filter((c) => c.method !== 'GET').length;
  const again = await cli([...imp(path, ...more), '--dry-run']);
  const expected = run.out?.records.map((r) => (r.status === 'created' || r.status === 'overwritten' ? 'identical' : r.status));
  expect(
    again.out?.records.map((r) => r.status),
    'a re-run finds every created key identical',
  ).toEqual(expected);
  expect(emu.calls.filter((c) => c.method !== 'GET').length).toBe(writes);
  return { plan, run, again };
}

describe('tyk-keybot import: the preview is the outcome', () => {
  it('counts a key that expired between the export time and now as skipped (expired), not new', async () => {
    const now = Math.floor(Date.now() / 1000);
    const path = csvFile([`truth-expired-0001,gone,orders-api,,${now - 3600},`, `truth-valid-0001,kept,orders-api,,${now + 86400},`]);
    const exportTime = String(now - 86400);
    const { plan, run } = await planRunReplan(path, '--export-time', exportTime);
    expect(statuses(plan.out)).toEqual([
      ['row 1', 'skipped', 'expired'],
      ['row 2', 'new', ''],
    ]);
    expect(plan.out?.summary).toMatchObject({ created: 1, skipped: 1 });
    expect(run.out?.summary).toMatchObject({ created: 1, skipped: 1 });
    expect(emu.findByRaw('truth-expired-0001')).toBeUndefined();
  });

  it('skips an inactive key with policies where policies decide (inactive_with_policies), and never makes it usable', async () => {
    const path = csvFile(['truth-inactive-0001,off,,silver-policy,,true', 'truth-inactive-0002,off too,orders-api,,,true']);
    const { plan } = await planRunReplan(path);
    expect(statuses(plan.out)).toEqual([
      ['row 1', 'skipped', 'inactive_with_policies'],
      ['row 2', 'new', ''],
    ]);
    expect(emu.findByRaw('truth-inactive-0001')).toBeUndefined();
    expect(emu.consume('orders-api', 'truth-inactive-0002').status).toBe(403);
  });

  it('creates the inactive key with policies on a gateway where the key flag still counts (5.8.6), and it stays inactive', async () => {
    emu.options.version = '5.8.6';
    const path = csvFile(['truth-inactive-0003,off,,silver-policy,,true']);
    const { plan } = await planRunReplan(path);
    expect(statuses(plan.out)).toEqual([['row 1', 'new', '']]);
    expect(emu.consume('orders-api', 'truth-inactive-0003').status).toBe(403);
  });

  it('skips every inactive key on the 5.8.7–5.8.9 regression, where the key flag is ignored (inactive_ignored)', async () => {
    emu.options.version = '5.8.8';
    const { plan } = await planRunReplan(csvFile(['truth-inactive-0004,off,orders-api,,,true']));
    expect(statuses(plan.out)).toEqual([['row 1', 'skipped', 'inactive_ignored']]);
  });

  it('calls a record naming an API or policy Tyk does not have invalid; with --allow-unknown it is created and reported created', async () => {
    const path = csvFile(['truth-unknown-0001,a,nope-api,,,', 'truth-unknown-0002,b,,nope-policy,,', 'truth-known-0001,c,orders-api,,,']);
    const first = await planRunReplan(path);
    expect(statuses(first.run.out)).toEqual([
      ['row 1', 'invalid', 'unknown_api: nope-api'],
      ['row 2', 'invalid', 'unknown_policy: nope-policy'],
      ['row 3', 'created', ''],
    ]);
    expect(first.run.code).toBe(2);
    expect(emu.findByRaw('truth-unknown-0001')).toBeUndefined();
    const allowed = await cli(imp(csvFile(['truth-unknown-0001,a,nope-api,,,']), '--allow-unknown'));
    expect(statuses(allowed.out)).toEqual([['row 1', 'created', '']]);
    expect(allowed.code).toBe(0);
    expect(emu.findByRaw('truth-unknown-0001')).toBeDefined();
  });

  it('prints the contract shape for --dry-run --json, with each record planned', async () => {
    emu.seedKey({
      raw: 'truth-same-0001',
      session: { alias: 'same', access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } } },
    });
    const path = csvFile(['truth-new-0001,new,orders-api,,,', 'truth-same-0001,other,orders-api,,,', ',nokey,orders-api,,,']);
    const plan = await cli([...imp(path), '--dry-run']);
    expect(Object.keys(plan.out ?? {})).toEqual(['request_id', 'status', 'summary', 'records']);
    expect(plan.out).toMatchObject({
      request_id: null,
      status: 'dry-run',
      summary: { created: 1, identical: 0, conflict: 1, skipped: 0, invalid: 1, failed: 0 },
    });
    expect(statuses(plan.out)).toEqual([
      ['row 1', 'new', ''],
      ['row 2', 'conflict', ''],
      ['row 3', 'invalid', 'missing_key'],
    ]);
    expect(plan.out?.records[0]?.fingerprint).toMatch(/^fp:[0-9a-f]{8}$/);
    expect(plan.code).toBe(2);
  });

  it('honours --target gateway when a Dashboard is configured, and refuses a target that is not configured', async () => {
    const withDashboard = { ...env, TYK_DASHBOARD_URL: emu.url, TYK_DASHBOARD_API_KEY: 'test-dashboard-key' };
    const run = await cli(imp(csvFile(['truth-target-0001,gw,orders-api,,,'])), withDashboard);
    expect(run.code).toBe(0);
    const writes = emu.calls.filter((c) => c.method === 'POST').map((c) => c.path.split('/').slice(0, 3).join('/'));
    expect(writes).toEqual(['/tyk/keys']);
    const dash = await cli([
      'import',
      csvFile(['truth-target-0002,d,orders-api,,,']),
      '--format',
      'csv',
      '--target',
      'dashboard',
      '--json',
    ]);
    expect(dash.code).toBe(2);
    expect(dash.text).toMatch(/dashboard is not configured/);
    expect(emu.findByRaw('truth-target-0002')).toBeUndefined();
  });
});

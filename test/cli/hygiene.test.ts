import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { fingerprint } from '../../src/secret.js';
import { cliDashboardEnv, cliGatewayEnv, cliTerminal } from '../harness/cli-env.js';
import { tempDir } from '../harness/env.js';
import { DAY, FLEET, RULES, seedFleet } from '../harness/hygiene-steps.js';
import { startTykEmulator, type TykEmulator } from '../harness/tyk-emulator/index.js';

const ORDERS = { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } };

let emu: TykEmulator;
let env: Record<string, string>;

beforeEach(async () => {
  emu = await startTykEmulator();
  env = { ...cliGatewayEnv(emu.url, tempDir('keybot-cli-hygiene-')), ...RULES };
});
afterEach(() => emu.close());

describe('tyk-keybot hygiene and inventory', () => {
  it('hygiene --json reports the fleet and exits 1 while a key is overdue (a CI gate)', async () => {
    const secrets = seedFleet(emu, Date.now());
    const t = cliTerminal();
    expect(await runCli(['hygiene', '--json'], t.io, env)).toBe(1);
    const out = JSON.parse(t.out.join('')) as { keys: number; counts: Record<string, number>; most_urgent: Array<{ alias: string }> };
    expect(out.keys).toBe(24);
    expect(out.counts).toEqual({ overdue: 2, due_soon: 1, no_expiry: 2, no_owner: 21, idle: 0 });
    expect(out.most_urgent).toHaveLength(20);
    expect(out.most_urgent.slice(0, 3).map((k) => k.alias)).toEqual(['ancient', 'old', 'aging']);
    for (const s of secrets) expect(t.out.join('') + t.err.join('')).not.toContain(s);
  });

  it('hygiene exits 0 and says so when nothing is overdue', async () => {
    seedFleet(
      emu,
      Date.now(),
      FLEET.filter((k) => k.ageDays < 90),
    );
    const t = cliTerminal();
    expect(await runCli(['hygiene'], t.io, env)).toBe(0);
    expect(t.out.join('')).toMatch(/^Key hygiene: 0 overdue · 1 due soon · 1 no expiry · 21 no owner · 0 idle \(22 keys\)/);
  });

  it('inventory --csv prints every live key, fingerprints only', async () => {
    const secrets = seedFleet(emu, Date.now());
    const t = cliTerminal();
    expect(await runCli(['inventory', '--csv'], t.io, env)).toBe(0);
    const rows = t.out;
    expect(rows[0]).toMatch(/^alias,fingerprint,standing,/);
    expect(rows).toHaveLength(1 + 24);
    expect(rows[1]).toMatch(/^ancient,fp:/);
    for (const s of secrets) expect(rows.join('\n')).not.toContain(s);
  });

  it('refuses a wrong flag with exit 2 and no scan', async () => {
    const t = cliTerminal();
    expect(await runCli(['inventory'], t.io, env)).toBe(2);
    expect(t.err.join('')).toContain('inventory --csv');
    expect(await runCli(['hygiene', '--csv'], t.io, env)).toBe(2);
    expect(emu.calls.filter((c) => c.path.startsWith('/tyk/keys'))).toEqual([]);
  });
});

describe('tyk-keybot hygiene and inventory through the Dashboard', () => {
  let dash: Record<string, string>;
  beforeEach(() => {
    dash = { ...cliDashboardEnv(emu.url, tempDir('keybot-cli-hygiene-dash-')), ...RULES };
  });

  it('hygiene --json reads keys/detailed and the key analytics, and exits 1 while a key is overdue', async () => {
    const secrets = seedFleet(emu, Date.now());
    const t = cliTerminal();
    expect(await runCli(['hygiene', '--json'], t.io, dash)).toBe(1);
    const out = JSON.parse(t.out.join('')) as { keys: number; counts: Record<string, number>; most_urgent: Array<{ alias: string }> };
    expect(out.keys).toBe(24);
    // the Dashboard reports usage: `old` had no traffic in 90 days, `ancient` was seen yesterday
    expect(out.counts).toEqual({ overdue: 2, due_soon: 1, no_expiry: 2, no_owner: 21, idle: 1 });
    expect(out.most_urgent.slice(0, 3).map((k) => k.alias)).toEqual(['ancient', 'old', 'aging']);
    expect(emu.calls.some((c) => c.path === '/api/keys/detailed')).toBe(true);
    expect(emu.calls.some((c) => c.path.startsWith('/api/activity/keys/'))).toBe(true);
    expect(emu.calls.filter((c) => c.path.startsWith('/tyk/'))).toEqual([]);
    for (const s of secrets) expect(t.out.join('') + t.err.join('')).not.toContain(s);
  });

  it('hygiene exits 0 when nothing is overdue', async () => {
    seedFleet(
      emu,
      Date.now(),
      FLEET.filter((k) => k.ageDays < 90),
    );
    const t = cliTerminal();
    expect(await runCli(['hygiene', '--json'], t.io, dash)).toBe(0);
    expect((JSON.parse(t.out.join('')) as { counts: { overdue: number } }).counts.overdue).toBe(0);
  });

  it('inventory --csv prints every live key, most urgent first, fingerprints only', async () => {
    const secrets = seedFleet(emu, Date.now());
    const t = cliTerminal();
    expect(await runCli(['inventory', '--csv'], t.io, dash)).toBe(0);
    const rows = t.out;
    expect(rows[0]).toMatch(/^alias,fingerprint,standing,/);
    expect(rows).toHaveLength(1 + 24);
    expect(rows.slice(1, 4).map((r) => r.split(',').slice(0, 3).join(','))).toEqual([
      expect.stringMatching(/^ancient,fp:[0-9a-f]{8},overdue$/),
      expect.stringMatching(/^old,fp:[0-9a-f]{8},overdue$/),
      expect.stringMatching(/^aging,fp:[0-9a-f]{8},due soon$/),
    ]);
    expect(rows.join('\n')).not.toContain('expired');
    for (const s of secrets) expect(rows.join('\n')).not.toContain(s);
  });
});

describe('tyk-keybot inventory through a Gateway that may not list hashed keys', () => {
  it('falls back to the keys the bot imported: they are listed by the fingerprint of their value, the others are not', async () => {
    await emu.close();
    // keys made through this gateway are dated 200 days back, so the imported ones are overdue
    emu = await startTykEmulator({ hashKeys: true, enableHashedKeysListing: false, clock: { now: () => Date.now() - 200 * DAY } });
    env = { ...cliGatewayEnv(emu.url, tempDir('keybot-cli-hygiene-nolist-')), ...RULES };
    const imported = ['imported-key-0001', 'imported-key-0002'];
    const csv = join(tempDir('keybot-cli-hygiene-csv-'), 'keys.csv');
    writeFileSync(csv, `key,alias,api_ids\n${imported[0]},billing,orders-api\n${imported[1]},reports,orders-api\n`);
    const i = cliTerminal();
    expect(await runCli(['import', csv, '--format', 'csv', '--target', 'gateway'], i.io, env)).toBe(0);
    const other = emu.seedKey({ raw: 'not-from-the-bot-01', session: { alias: 'stranger', access_rights: ORDERS } });

    const t = cliTerminal();
    expect(await runCli(['inventory', '--csv'], t.io, env)).toBe(0);
    const rows = t.out;
    expect(rows).toHaveLength(1 + 2);
    expect(
      rows
        .slice(1)
        .map((r) => r.split(',').slice(0, 3).join(','))
        .sort(),
    ).toEqual([`billing,${fingerprint(imported[0] as string)},overdue`, `reports,${fingerprint(imported[1] as string)},overdue`]);
    expect(rows.join('\n')).not.toContain('stranger');
    expect(emu.calls.filter((c) => c.path === '/tyk/keys' && c.method === 'GET').map((c) => c.status)).toContain(404);

    const h = cliTerminal();
    expect(await runCli(['hygiene', '--json'], h.io, env)).toBe(1);
    expect(JSON.parse(h.out.join(''))).toMatchObject({ keys: 2, counts: { overdue: 2 } });
    const printed = [...rows, ...h.out, ...t.err, ...h.err].join('\n');
    for (const s of [...imported, other.raw, other.token, other.keyHash]) expect(printed).not.toContain(s);
    for (const k of emu.keys()) expect(printed).not.toContain(k.keyHash);
  });
});

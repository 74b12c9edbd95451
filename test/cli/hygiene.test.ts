import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { cliGatewayEnv, cliTerminal } from '../harness/cli-env.js';
import { tempDir } from '../harness/env.js';
import { FLEET, RULES, seedFleet } from '../harness/hygiene-steps.js';
import { startTykEmulator, type TykEmulator } from '../harness/tyk-emulator/index.js';

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

import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { cliEnv, describeRun } from './cli-import.js';
import { type Figure, figure, log } from './figure.js';
import { sessionOf } from './keys.js';
import { type EmulatorProcess, runTimed, startEmulatorProcess } from './processes.js';
import { removeScratch, scratchDir } from './scratch.js';

const SECTION = 'Inventory scan';
const DAY_MS = 86_400_000;
/** The emulator's Dashboard API key for its bot user. */
const DASHBOARD_KEY = 'test-dashboard-key';
/** 32 hex digits: what a key value or Tyk key ID of the seeded fleet looks like (fingerprints are 8). */
const LONG_HEX = /[0-9a-f]{32}/;

type Mode = 'dashboard' | 'gateway';

interface ScanRun {
  mode: Mode;
  pass: 'first' | 'again';
  ms: number;
  calls: number;
  maxRssKb: number | null;
  cpuS: number | null;
  rows: number;
}

const envFor = (mode: Mode, url: string, dir: string, concurrency: number): NodeJS.ProcessEnv => {
  const gateway = cliEnv(url, dir, concurrency);
  if (mode === 'gateway') return gateway;
  const { TYK_GATEWAY_URL: _u, TYK_GATEWAY_SECRET: _s, ...rest } = gateway;
  return { ...rest, TYK_DASHBOARD_URL: url, TYK_DASHBOARD_API_KEY: DASHBOARD_KEY };
};

/** `tyk-keybot inventory --csv` as its own process, timed as a whole, its Tyk calls counted by the emulator. */
async function scanOnce(emulator: EmulatorProcess, env: NodeJS.ProcessEnv, dir: string, mode: Mode, pass: ScanRun['pass']) {
  const before = await emulator.stats();
  const out = join(dir, `inventory-${pass}.csv`);
  const run = await runTimed(process.execPath, [resolve('dist/src/cli.js'), 'inventory', '--csv'], {
    env,
    cwd: dir,
    rss: true,
    stdoutFile: out,
  });
  const calls = (await emulator.stats()).calls - before.calls;
  const lines = run.stdout.trim().split('\n');
  if (run.code !== 0) throw new Error(`inventory --csv (${mode}) failed: ${describeRun(run)}`);
  if (lines.some((l) => LONG_HEX.test(l))) throw new Error(`inventory --csv (${mode}) printed a key ID or value`);
  return { mode, pass, ms: run.ms, calls, maxRssKb: run.maxRssKb, cpuS: run.cpuS, rows: lines.length - 1 } satisfies ScanRun;
}

/**
 * Issue 13: `tyk-keybot inventory --csv` over a fleet of `keys` keys, Tyk `latencyMs` away, through
 * the Dashboard (paged `GET /api/keys/detailed` + per-key analytics) and through the Gateway
 * (`GET /tyk/keys` + one read per key), each from an empty database; the Dashboard once more on the
 * same database (the next scan: analytics are asked about a key at most once a day). The fleet is 120 days
 * old, so every key is due a usage check on the first scan: the worst case.
 */
export async function measureInventory(o: {
  keys: number;
  concurrency: number;
  latencyMs: number;
}): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const emulator = await startEmulatorProcess(o.latencyMs);
  const dirs: string[] = [];
  try {
    const { alias: _a, ...session } = sessionOf(0);
    const created = new Date(Date.now() - 120 * DAY_MS).toISOString();
    const t0 = performance.now();
    await emulator.control('seed-keys', { count: o.keys, session: { ...session, alias: 'bench', date_created: created } });
    log(`inventory: seeded ${o.keys} keys in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${o.latencyMs} ms per Tyk call…`);
    const runs: ScanRun[] = [];
    for (const mode of ['dashboard', 'gateway'] as const) {
      const dir = scratchDir(`inventory-${mode}`);
      dirs.push(dir);
      const env = { ...envFor(mode, emulator.url, dir, o.concurrency), KEYBOT_SECRET_KEY: randomBytes(32).toString('base64') };
      // a Gateway reports no usage: its second scan costs what its first did
      for (const pass of mode === 'dashboard' ? (['first', 'again'] as const) : (['first'] as const)) {
        const r = await scanOnce(emulator, env, dir, mode, pass);
        if (r.rows !== o.keys) throw new Error(`inventory --csv (${mode}) listed ${r.rows} keys, not ${o.keys}`);
        log(
          `inventory: ${mode} ${pass}: ${(r.ms / 1000).toFixed(1)} s, ${(o.keys / (r.ms / 1000)).toFixed(0)} keys/s, ${r.calls} Tyk calls, peak RSS ${((r.maxRssKb ?? 0) / 1024).toFixed(0)} MiB`,
        );
        runs.push(r);
      }
    }
    const n = o.keys.toLocaleString('en-US');
    const how: Record<Mode, string> = {
      dashboard: 'Dashboard (paged keys/detailed + key analytics)',
      gateway: 'Gateway (listing + one read per key)',
    };
    const figures = runs.flatMap((r) => {
      const ideal = ((r.calls * o.latencyMs) / o.concurrency / 1000).toFixed(1);
      const what = `${r.pass === 'first' ? 'first scan' : 'scan again'}, ${n} keys, ${how[r.mode]}`;
      const note = `${(r.ms / 1000).toFixed(1)} s, ${r.calls.toLocaleString('en-US')} Tyk calls (${(r.calls / o.keys).toFixed(2)}/key; ${o.concurrency} lanes × ${o.latencyMs} ms ⇒ ≥ ${ideal} s), ${r.cpuS?.toFixed(1)} s CPU`;
      return [
        figure(
          SECTION,
          `${what}, ${o.latencyMs} ms/call, IMPORT_CONCURRENCY=${o.concurrency}`,
          o.keys / (r.ms / 1000),
          'keys/s',
          undefined,
          note,
        ),
        figure(SECTION, `peak RSS, ${what}`, (r.maxRssKb ?? Number.NaN) / 1024, 'MiB', { op: '<', value: 400, text: '< 400 MB' }),
      ];
    });
    return { figures, details: { keys: o.keys, concurrency: o.concurrency, latencyMs: o.latencyMs, runs } };
  } finally {
    await emulator.stop();
    for (const dir of dirs) removeScratch(dir);
  }
}

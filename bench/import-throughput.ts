import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BaselineRun, curlLoop, nodeLoop } from './baselines.js';
import { cliEnv, describeRun, type ImportSummary, runCliImport } from './cli-import.js';
import { type Figure, figure, log, skipped } from './figure.js';
import { checkImport } from './import-checks.js';
import { newKeys, sessionOf, writeCsv } from './keys.js';
import { cpuSecondsOf, type EmulatorStats, startEmulatorProcess, type TimedRun } from './processes.js';
import { removeScratch, scratchDir } from './scratch.js';
import { spread } from './stats.js';

export interface ImportOptions {
  keys: number;
  /** keys of the file Tyk already holds with other settings: must come out `conflict`, untouched */
  existing: number;
  concurrency: number;
  latencyMs: number;
  /** how many keys each sequential baseline is timed on (its rate does not depend on the count) */
  baselineKeys: { a: number; b: number };
  /** runs of the import and of baseline B, reported as min / median / max */
  reps: number;
}

const SECTION = 'Import throughput';

/**
 * 10,000 keys through `tyk-keybot import` against an emulator answering each Tyk call after
 * `latencyMs`, then the two sequential baselines against the same emulator, emptied in between.
 */
export async function measureImport(o: ImportOptions): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const emulator = await startEmulatorProcess(o.latencyMs);
  const dir = scratchDir('import');
  try {
    const keys = newKeys(o.keys);
    const csv = join(dir, 'keys.csv');
    await writeCsv(csv, keys);
    const step = Math.floor(o.keys / Math.max(1, o.existing));
    const existing = keys.filter((_, i) => o.existing > 0 && i % step === 0).slice(0, o.existing);
    const created = new Set(keys);
    existing.forEach((k) => created.delete(k));
    const expected = { created: created.size, conflict: existing.length, failed: 0 };
    log(
      `import: ${o.keys} keys (${existing.length} already in Tyk with other settings), IMPORT_CONCURRENCY=${o.concurrency}, ${o.latencyMs} ms per Tyk call, ${o.reps} runs…`,
    );
    // Each run: an emptied Tyk holding the pre-existing keys, a fresh database.
    const runs: Array<{ run: TimedRun; summary: ImportSummary; calls: number; emulatorCpuS: number; createRate: number }> = [];
    for (let rep = 0; rep < o.reps; rep++) {
      await emulator.reset();
      for (const raw of existing)
        await emulator.control('seed-key', { raw, session: { ...sessionOf(keys.indexOf(raw)), rate: 5, allowance: 5 } });
      const runDir = join(dir, `run-${rep}`);
      mkdirSync(runDir);
      const before = await emulator.stats();
      const emulatorCpu0 = cpuSecondsOf(emulator.child.pid);
      const { run, summary } = await runCliImport(csv, cliEnv(emulator.url, runDir, o.concurrency), runDir, {
        rss: true,
        cpuProf: process.env['BENCH_CPU_PROF'] === '1',
      });
      const emulatorCpuS = (cpuSecondsOf(emulator.child.pid) ?? Number.NaN) - (emulatorCpu0 ?? Number.NaN);
      if (!summary || summary.created !== expected.created || summary.conflict !== expected.conflict || summary.failed !== 0) {
        throw new Error(
          `the import did not do what was asked (${JSON.stringify(summary)} vs ${JSON.stringify(expected)}); ${describeRun(run)}`,
        );
      }
      const after = await emulator.stats();
      const createRate = createPhaseRate(after.creates);
      runs.push({ run, summary, calls: after.calls - before.calls, emulatorCpuS, createRate });
      log(
        `import run ${rep + 1}: ${(run.ms / 1000).toFixed(2)} s, ${(o.keys / (run.ms / 1000)).toFixed(0)} keys/s; creates ${createRate.toFixed(0)} keys/s`,
      );
    }
    const checks = await checkImport(emulator.url, [...created], existing);
    const rates = spread(runs.map((x) => o.keys / (x.run.ms / 1000)));
    const createRates = spread(runs.map((x) => x.createRate));
    const median = runs.find((x) => Math.abs(o.keys / (x.run.ms / 1000) - rates.median) < 0.01) ?? (runs[0] as (typeof runs)[number]);
    const { run, summary, calls, emulatorCpuS } = median;
    const keysPerSec = rates.median;
    const callsPerKey = calls / o.keys;
    const ideal = o.concurrency / (callsPerKey * (o.latencyMs / 1000));
    log(`import: median ${keysPerSec.toFixed(0)} keys/s, ${callsPerKey.toFixed(4)} calls/key; baselines…`);

    await emulator.reset();
    const a = await curlLoop(emulator.url, dir, keys.slice(0, o.baselineKeys.a));
    const bs: BaselineRun[] = [];
    for (let rep = 0; rep < o.reps; rep++) {
      await emulator.reset();
      bs.push(await nodeLoop(emulator.url, dir, keys.slice(0, o.baselineKeys.b)));
    }
    const bRates = spread(bs.map((x) => x.keysPerSec));
    const b = bs.find((x) => Math.abs(x.keysPerSec - bRates.median) < 0.01) ?? (bs[0] as BaselineRun);
    const baselineNote = (r: BaselineRun) =>
      `timed on ${r.keys.toLocaleString('en-US')} keys (a sequential rate does not depend on the count); ${r.ok}/${r.keys} answered 200`;
    const range = (x: ReturnType<typeof spread>) => `min / median / max of ${x.runs.length} runs: ${x.min} / ${x.median} / ${x.max}`;
    const figures: Figure[] = [
      figure(
        SECTION,
        `tyk-keybot import, ${o.keys.toLocaleString('en-US')} keys, ${o.latencyMs} ms/call, IMPORT_CONCURRENCY=${o.concurrency}`,
        keysPerSec,
        'keys/s',
        undefined,
        `${range(rates)} keys/s; median run: whole process ${(run.ms / 1000).toFixed(2)} s, ${run.cpuS?.toFixed(1)} s CPU (emulator ${emulatorCpuS.toFixed(1)} s on the same cores); ${summary.created} created, ${summary.conflict} pre-existing left alone (exit ${run.code})`,
      ),
      figure(
        SECTION,
        'CPU of the import process per key (median run)',
        ((run.cpuS ?? Number.NaN) * 1000) / o.keys,
        'ms',
        undefined,
        `CPU is what the machine's load does not change: ${o.concurrency} / (${callsPerKey.toFixed(3)} × ${o.latencyMs} ms) keys/s need ${((ideal * (run.cpuS ?? Number.NaN)) / o.keys).toFixed(2)} cores for this process alone`,
      ),
      a
        ? figure(SECTION, 'A: bash loop of curl POSTs', a.keysPerSec, 'keys/s', undefined, baselineNote(a))
        : skipped(SECTION, 'A: bash loop of curl POSTs', 'skipped: curl or bash is not installed'),
      figure(
        SECTION,
        'B: sequential Node loop, keep-alive',
        b.keysPerSec,
        'keys/s',
        undefined,
        `${range(bRates)} keys/s; ${baselineNote(b)}`,
      ),
      ...(a ? [figure(SECTION, 'ratio A / B', a.keysPerSec / b.keysPerSec, '×')] : []),
      figure(SECTION, 'ratio tyk-keybot / B (medians)', keysPerSec / b.keysPerSec, '×', { op: '>=', value: 12, text: '≥ 12×' }),
      figure(
        SECTION,
        'Tyk calls per key',
        callsPerKey,
        'calls',
        undefined,
        `${calls} calls: one create per new key, plus listings, lookups of existing keys and the verification sample`,
      ),
      figure(
        SECTION,
        `share of ideal ${o.concurrency} / (${callsPerKey.toFixed(3)} × ${o.latencyMs} ms) = ${ideal.toFixed(0)} keys/s`,
        (keysPerSec / ideal) * 100,
        '%',
        { op: '>=', value: 80, text: '≥ 80 %' },
        `runs: ${rates.runs.map((x) => `${Math.round((x / ideal) * 100)} %`).join(', ')}`,
      ),
      figure(
        SECTION,
        'creates alone (first to last create Tyk answered, from its own records): keys/s',
        createRates.median,
        'keys/s',
        undefined,
        `${range(createRates)} keys/s; the whole process adds start-up, parsing, staging, the preview's listing and the verification, which the ideal leaves out`,
      ),
      figure(SECTION, 'creates alone: ratio to B (medians)', createRates.median / b.keysPerSec, '×', {
        op: '>=',
        value: 12,
        text: '≥ 12×',
      }),
      figure(
        SECTION,
        'creates alone: share of the ideal',
        (createRates.median / ideal) * 100,
        '%',
        { op: '>=', value: 80, text: '≥ 80 %' },
        `runs: ${createRates.runs.map((x) => `${Math.round((x / ideal) * 100)} %`).join(', ')}; B's own time per call, ${(1000 / b.keysPerSec).toFixed(1)} ms against ${o.latencyMs} ms, bounds any client at ${((o.latencyMs * b.keysPerSec) / 10).toFixed(0)} % of the ideal`,
      ),
      figure(
        SECTION,
        'created keys usable by their value',
        (checks.usable / created.size) * 100,
        '%',
        { op: '>=', value: 100, text: '100 %' },
        `${checks.usable}/${created.size} answered 200 at the gateway`,
      ),
      figure(
        SECTION,
        'pre-existing keys overwritten',
        existing.length - checks.untouched,
        'keys',
        { op: '<', value: 1, text: '0' },
        `${checks.untouched}/${existing.length} kept their own settings; reported as conflict`,
      ),
    ];
    return {
      figures,
      details: {
        wallMs: run.ms,
        cliCpuS: run.cpuS,
        emulatorCpuS,
        cliMaxRssKb: run.maxRssKb,
        exitCode: run.code,
        summary,
        calls,
        keysPerSec,
        callsPerKey,
        ideal,
        runs: rates.runs,
        createRuns: createRates.runs,
        baselineBRuns: bRates.runs,
        baselineA: a,
        baselineB: b,
        checks,
      },
    };
  } finally {
    await emulator.stop();
    removeScratch(dir);
  }
}

/** Keys per second between the first and the last create Tyk answered: the rate of the batch itself. */
function createPhaseRate(c: EmulatorStats['creates']): number {
  if (c.firstAt === null || c.lastAt === null || c.lastAt <= c.firstAt) return Number.NaN;
  return (c.count - 1) / ((c.lastAt - c.firstAt) / 1000);
}

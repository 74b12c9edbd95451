import { statSync } from 'node:fs';
import { join } from 'node:path';
import { cliEnv, describeRun, runCliImport } from './cli-import.js';
import { type Figure, figure, log } from './figure.js';
import { newKeys, writeCsv, writeTykJson } from './keys.js';
import { startEmulatorProcess } from './processes.js';
import { removeScratch, scratchDir } from './scratch.js';

/** One run: peak RSS (MiB), wall time and the CLI's own CPU time (s; steadier than wall time on a shared machine). */
export type Run = { keys: number; mib: number; seconds: number; cpuS: number | null; fileMb: number };
type Kind = { id: string; label: string; format: 'csv' | 'tyk'; dryRun: boolean };

const KINDS: Kind[] = [
  { id: 'csv-dry', label: 'CSV dry run', format: 'csv', dryRun: true },
  { id: 'tyk-dry', label: 'Tyk JSON dry run', format: 'tyk', dryRun: true },
  { id: 'csv-import', label: 'CSV import', format: 'csv', dryRun: false },
];

const MIB_TARGET = 400;

/**
 * IMPORT_MAX_KEYS at scale (issue 15): `tyk-keybot import --json` of a CSV and a Tyk JSON export as a
 * dry run, and a CSV import into the emulator (no Tyk latency), at each size; peak RSS of the CLI
 * process against 400 MiB, and the time of the largest size against 11× the smallest (linear).
 */
export async function measureScale(o: {
  sizes: number[];
  concurrency: number;
}): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const runs: Record<string, Run[]> = {};
  // BENCH_SCALE_KINDS=tyk-dry: only those kinds (to profile one of them with BENCH_CPU_PROF=1)
  const wanted = process.env['BENCH_SCALE_KINDS']?.split(',').map((s) => s.trim());
  const kinds = KINDS.filter((k) => wanted === undefined || wanted.includes(k.id));
  if (kinds.length === 0) throw new Error(`BENCH_SCALE_KINDS names none of ${KINDS.map((k) => k.id).join(', ')}`);
  for (const kind of kinds) runs[kind.id] = [];
  for (const keys of o.sizes) {
    const dir = scratchDir('scale');
    const emulator = await startEmulatorProcess(0);
    try {
      const values = newKeys(keys);
      const files = { csv: join(dir, 'keys.csv'), tyk: join(dir, 'keys.json') };
      await writeCsv(files.csv, values);
      await writeTykJson(files.tyk, values);
      for (const kind of kinds) {
        log(`scale: ${kind.label}, ${keys} keys…`);
        const file = files[kind.format];
        const { run, summary } = await runCliImport(file, cliEnv(emulator.url, dir, o.concurrency), dir, {
          rss: true,
          format: kind.format,
          dryRun: kind.dryRun,
          cpuProf: process.env['BENCH_CPU_PROF'] === '1',
        });
        if (run.code !== 0 || summary?.created !== keys) throw new Error(`the ${keys}-key ${kind.label} failed: ${describeRun(run)}`);
        const r = {
          keys,
          mib: (run.maxRssKb ?? Number.NaN) / 1024,
          seconds: run.ms / 1000,
          cpuS: run.cpuS,
          fileMb: statSync(file).size / 1e6,
        };
        log(`scale: ${kind.label}, ${keys} keys: peak RSS ${r.mib.toFixed(0)} MiB, ${r.seconds.toFixed(1)} s, CPU ${r.cpuS?.toFixed(1)} s`);
        (runs[kind.id] as Run[]).push(r);
      }
    } finally {
      await emulator.stop();
      if (process.env['BENCH_KEEP'] !== '1') removeScratch(dir);
      else log(`scale: kept ${dir}`);
    }
  }
  return { figures: scaleFigures(runs), details: runs };
}

/** Peak RSS of the largest size of each kind, and its time against the smallest's, with every size side by side. */
export function scaleFigures(runs: Record<string, Run[]>): Figure[] {
  const figures: Figure[] = [];
  const n = (k: number) => k.toLocaleString('en-US');
  for (const kind of KINDS.filter((k) => runs[k.id] !== undefined)) {
    const list = runs[kind.id] as Run[];
    const small = list[0] as Run;
    const large = list.at(-1) as Run;
    const side = list
      .map(
        (r) =>
          `${n(r.keys)}: ${r.mib.toFixed(0)} MiB, ${r.seconds.toFixed(1)} s (${(r.keys / r.seconds).toFixed(0)} keys/s, ${r.fileMb.toFixed(0)} MB file)`,
      )
      .join('; ');
    figures.push(
      figure(
        'Scale',
        `peak RSS, ${n(large.keys)}-key ${kind.label} (--json)`,
        large.mib,
        'MiB',
        { op: '<', value: MIB_TARGET, text: `< ${MIB_TARGET} MiB` },
        side,
      ),
    );
    if (list.length > 1) {
      const factor = large.keys / small.keys;
      figures.push(
        figure(
          'Scale',
          `time of ${n(large.keys)} / time of ${n(small.keys)} keys, ${kind.label}`,
          large.seconds / small.seconds,
          '×',
          { op: '<', value: factor * 1.1 + 1e-9, text: `≤ ${(factor * 1.1).toFixed(0)}×` },
          `${large.seconds.toFixed(1)} s / ${small.seconds.toFixed(1)} s${large.cpuS && small.cpuS ? `; CLI CPU ${large.cpuS.toFixed(0)} s / ${small.cpuS.toFixed(0)} s = ${(large.cpuS / small.cpuS).toFixed(1)}×` : ''}`,
        ),
      );
    }
  }
  return figures;
}

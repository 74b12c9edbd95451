import { join } from 'node:path';
import { cliEnv, describeRun, runCliImport } from './cli-import.js';
import { type Figure, figure, log } from './figure.js';
import { newKeys, writeCsv } from './keys.js';
import { startEmulatorProcess } from './processes.js';
import { removeScratch, scratchDir } from './scratch.js';

/**
 * Peak RSS of `tyk-keybot import` of a 100,000-key CSV (the IMPORT_MAX_KEYS default), with --json
 * (every record's result in the output). Tyk answers at once here: memory depends on the batch,
 * not on the latency, and a 20 ms Tyk would make this run take minutes.
 */
export async function measureMemory(o: {
  keys: number;
  concurrency: number;
}): Promise<{ figures: Figure[]; details: Record<string, unknown> }> {
  const emulator = await startEmulatorProcess(0);
  const dir = scratchDir('memory');
  try {
    const csv = join(dir, 'keys.csv');
    await writeCsv(csv, newKeys(o.keys));
    log(`memory: importing ${o.keys} keys (no Tyk latency)…`);
    const { run, summary } = await runCliImport(csv, cliEnv(emulator.url, dir, o.concurrency), dir, { rss: true });
    if (run.code !== 0 || summary?.created !== o.keys) throw new Error(`the ${o.keys}-key import failed: ${describeRun(run)}`);
    const mib = (run.maxRssKb ?? Number.NaN) / 1024;
    log(`memory: peak RSS ${mib.toFixed(0)} MiB, ${(run.ms / 1000).toFixed(1)} s`);
    return {
      figures: [
        figure(
          'Memory',
          `peak RSS, ${o.keys.toLocaleString('en-US')}-key CSV import (--json)`,
          mib,
          'MiB',
          { op: '<', value: 300, text: '< 300 MiB' },
          `${(((run.maxRssKb ?? 0) * 1024) / 1e6).toFixed(0)} MB decimal; whole import ${(run.ms / 1000).toFixed(1)} s = ${(o.keys / (run.ms / 1000)).toFixed(0)} keys/s with no Tyk latency`,
        ),
      ],
      details: { maxRssKb: run.maxRssKb, wallMs: run.ms, summary },
    };
  } finally {
    await emulator.stop();
    removeScratch(dir);
  }
}

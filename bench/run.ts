import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureAckDuringImport } from './ack-during-import.js';
import { measureAck } from './ack-latency.js';
import { measureDryRun } from './dry-run-responsiveness.js';
import { type Figure, log, skipped } from './figure.js';
import { measureImport } from './import-throughput.js';
import { measureInventory } from './inventory-scan.js';
import { commitOf, machineInfo } from './machine.js';
import { measureMemory } from './memory.js';
import { measureScale } from './scale.js';
import { measureClaim } from './scheduler-claim.js';
import { measureJobs } from './scheduler-jobs.js';
import { measureStartup } from './startup.js';
import { markdownTable } from './table.js';

/**
 * `npm run bench` (issue 7): ack latency, import throughput against two baselines, memory, the
 * scheduler and start-up. Prints the table on stdout, progress on stderr, and writes
 * bench/results.json; exits 1 only when a measurement could not run (a missed target is a result).
 *   BENCH_ONLY=startup,ack,ackimport,import,memory,scale,scheduler   run a subset (default: all)
 *   BENCH_BASELINE_KEYS=10000                        time the sequential baselines on every key
 *   BENCH_REPS=3                                     runs of the import and baseline B (min / median / max)
 *   BENCH_SCALE_KEYS=10000,100000                    the sizes of the scale section (default 100000,1000000)
 *   BENCH_SCALE_KINDS=tyk-dry                        only these of csv-dry, tyk-dry, csv-import in the scale section
 *   BENCH_KEEP=1                                     keep each measurement's temp folder
 *   BENCH_CPU_PROF=1 (with BENCH_KEEP=1)             --cpu-prof the import CLI into that folder
 *   BENCH_BOT_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR"   node flags for the bot process
 *   (every section runs by default, about 80 minutes on 2 cores: the 1,000,000-key scale runs alone take ~50)
 *   BENCH_INVENTORY_KEYS=5000                        a smaller fleet for the inventory scans
 *   BENCH_DRY_RUN_ROWS=5000                          a smaller CSV for the dry run
 */
process.chdir(fileURLToPath(new URL('../..', import.meta.url)));
const only = process.env['BENCH_ONLY'] ? new Set(process.env['BENCH_ONLY'].split(',').map((s) => s.trim())) : null; // null: every section
const baselineKeys = Number(process.env['BENCH_BASELINE_KEYS'] ?? 0);
const scaleSizes = (process.env['BENCH_SCALE_KEYS'] ?? '100000,1000000').split(',').map(Number);

type Section = { figures: Figure[]; details: Record<string, unknown> };
const sections: Array<[string, string, () => Promise<Section>]> = [
  ['startup', 'Start-up', () => measureStartup(5)],
  ['ack', 'Ack latency', () => measureAck({ n: 1000, runs: 3, concurrency: 20, latencyMs: 20, paced: { n: 500, perSecond: 50 } })],
  [
    'import',
    'Import throughput',
    () =>
      measureImport({
        keys: 10_000,
        existing: 100,
        concurrency: 16,
        latencyMs: 20,
        baselineKeys: { a: baselineKeys || 300, b: baselineKeys || 500 },
        reps: Number(process.env['BENCH_REPS'] ?? 3),
      }),
  ],
  // BENCH_ACK_IMPORT_KEYS=10000 for a quick run
  [
    'ackimport',
    'Ack during import',
    () =>
      measureAckDuringImport({
        importKeys: Number(process.env['BENCH_ACK_IMPORT_KEYS'] ?? 100_000),
        n: Number(process.env['BENCH_ACK_IMPORT_N'] ?? 200),
        rounds: 3,
        concurrency: 20,
        latencyMs: 20,
      }),
  ],
  ['memory', 'Memory', () => measureMemory({ keys: 100_000, concurrency: 16 })],
  ['scale', 'Scale', () => measureScale({ sizes: scaleSizes, concurrency: 16 })],
  [
    'scheduler',
    'Scheduler',
    async () => {
      const claim = await measureClaim({ jobs: 1_000_000, dueShare: 0.01, reps: 50 });
      const jobs = await measureJobs(claim.db, 1000);
      return { figures: [...claim.figures, ...jobs.figures], details: { claim: claim.details, jobs: jobs.details } };
    },
  ],
];
const inventoryKeys = Number(process.env['BENCH_INVENTORY_KEYS'] ?? 100_000);
sections.push(['inventory', 'Inventory scan', () => measureInventory({ keys: inventoryKeys, concurrency: 16, latencyMs: 20 })]);
const dryRunRows = Number(process.env['BENCH_DRY_RUN_ROWS'] ?? 100_000);
sections.push(['dry-run', 'Dry-run responsiveness', () => measureDryRun({ rows: dryRunRows, latencyMs: 20 })]);

const machine = machineInfo();
const started = Date.now();
const figures: Figure[] = [];
const details: Record<string, unknown> = {};
let errors = 0;
log(`${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadavg.start}`);
for (const [id, name, run] of sections) {
  if (only && !only.has(id)) continue;
  try {
    const s = await run();
    figures.push(...s.figures);
    details[id] = s.details;
  } catch (e) {
    errors += 1;
    log(`${name} failed: ${(e as Error).stack ?? String(e)}`);
    figures.push(skipped(name, '(did not run)', `error: ${(e as Error).message.split('\n')[0]}`));
  }
}
machine.loadavg.end = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
const results = {
  command: 'npm run bench',
  date: new Date(started).toISOString(),
  durationS: Math.round((Date.now() - started) / 1000),
  commit: commitOf(process.cwd()),
  machine,
  figures,
  details,
};
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\n${markdownTable(figures)}\n\n`);
process.stdout.write(
  `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB RAM, ${machine.os}, Node ${machine.node}; commit ${results.commit}; load average ${machine.loadavg.start} → ${machine.loadavg.end}; ${results.durationS} s. Written to bench/results.json.\n`,
);
process.exit(errors > 0 ? 1 : 0);

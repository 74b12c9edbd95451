import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureAck } from './ack-latency.js';
import { type Figure, log, skipped } from './figure.js';
import { measureImport } from './import-throughput.js';
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
 *   BENCH_ONLY=startup,ack,import,memory,scale,scheduler   run a subset
 *   BENCH_BASELINE_KEYS=10000                        time the sequential baselines on every key
 *   BENCH_SCALE_KEYS=10000,100000                    the sizes of the scale section (default 100000,1000000)
 *   BENCH_KEEP=1                                     keep each measurement's temp folder
 *   BENCH_CPU_PROF=1 (with BENCH_KEEP=1)             --cpu-prof the import CLI into that folder
 *   BENCH_BOT_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR"   node flags for the bot process
 */
process.chdir(fileURLToPath(new URL('../..', import.meta.url)));
const only = new Set((process.env['BENCH_ONLY'] ?? 'startup,ack,import,memory,scale,scheduler').split(',').map((s) => s.trim()));
const baselineKeys = Number(process.env['BENCH_BASELINE_KEYS'] ?? 0);
const scaleSizes = (process.env['BENCH_SCALE_KEYS'] ?? '100000,1000000').split(',').map(Number);

type Section = { figures: Figure[]; details: Record<string, unknown> };
const sections: Array<[string, string, () => Promise<Section>]> = [
  ['startup', 'Start-up', () => measureStartup(5)],
  ['ack', 'Ack latency', () => measureAck({ n: 1000, concurrency: 20, latencyMs: 20, paced: { n: 500, perSecond: 50 } })],
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

const machine = machineInfo();
const started = Date.now();
const figures: Figure[] = [];
const details: Record<string, unknown> = {};
let errors = 0;
log(`${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadavg.start}`);
for (const [id, name, run] of sections) {
  if (!only.has(id)) continue;
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

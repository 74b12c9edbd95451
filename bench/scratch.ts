import { rmSync } from 'node:fs';
import { tempDir } from '../test/harness/env.js';
import { log } from './figure.js';

/** A fresh temporary folder per measurement: its own database, CSV and output. */
export const scratchDir = (what: string): string => tempDir(`keybot-bench-${what}-`);

/** Removes a measurement's folder (the million-job database is ~160 MB); BENCH_KEEP=1 keeps it, e.g. for a --cpu-prof profile. */
export function removeScratch(dir: string): void {
  if (process.env['BENCH_KEEP'] === '1') return log(`kept ${dir}`);
  rmSync(dir, { recursive: true, force: true });
}

import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { GATEWAY_SECRET, ORG_ID } from './keys.js';
import { runTimed, type TimedRun } from './processes.js';

export interface ImportSummary {
  created: number;
  identical: number;
  conflict: number;
  skipped: number;
  invalid: number;
  failed: number;
}

/** The CLI's environment: only what a CI job would set; a fresh database in `dir`. */
export function cliEnv(tykUrl: string, dir: string, concurrency: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    TYK_GATEWAY_URL: tykUrl,
    TYK_GATEWAY_SECRET: GATEWAY_SECRET,
    TYK_ORG_ID: ORG_ID,
    KEYBOT_SECRET_KEY: randomBytes(32).toString('base64'),
    KEYBOT_DB: join(dir, 'keybot.db'),
    IMPORT_CONCURRENCY: String(concurrency),
    IMPORT_MAX_KEYS: '1000000',
  };
}

/**
 * `tyk-keybot import FILE --format csv --target gateway --json` as its own process, timed as a
 * whole (start-up, parsing, preview, creates, verification, results). It runs in `dir`, so a
 * `.env` in the project root cannot leak into the measurement.
 */
export async function runCliImport(
  csv: string,
  env: NodeJS.ProcessEnv,
  dir: string,
  o: { rss?: boolean; cpuProf?: boolean; format?: 'csv' | 'tyk'; dryRun?: boolean } = {},
): Promise<{ run: TimedRun; summary: ImportSummary | null }> {
  const cli = resolve('dist/src/cli.js');
  const prof = o.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
  const dry = o.dryRun ? ['--dry-run'] : [];
  const run = await runTimed(
    process.execPath,
    [...prof, cli, 'import', csv, '--format', o.format ?? 'csv', '--target', 'gateway', ...dry, '--json'],
    {
      env,
      cwd: dir,
      rss: o.rss,
      stdoutFile: join(dir, 'import-output.json'),
    },
  );
  let summary: ImportSummary | null = null;
  try {
    summary = (JSON.parse(run.stdout) as { summary: ImportSummary }).summary;
  } catch {
    summary = null;
  }
  return { run, summary };
}

export const describeRun = (r: TimedRun): string =>
  `exit ${r.code}; stderr: ${r.stderr.trim().split('\n').slice(-3).join(' / ') || '(empty)'}`;

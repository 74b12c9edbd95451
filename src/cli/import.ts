import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseApiMap, parseImportChoice } from '../../commands/import-keys.js';
import { loadConfig } from '../config.js';
import { KeybotError } from '../errors.js';
import { fileFromPath } from '../importers/index.js';
import { TERMINAL } from '../store/requests.js';
import { toCounts } from '../workflows/import-keys/counts.js';
import { resultsCsv } from '../workflows/import-keys/results-csv.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';
import { openCliRuntime } from './runtime.js';

export const IMPORT_USAGE = `  import FILE [AUX_FILE…] --format tyk|csv|kong|aws|apigee|azure
         [--target dashboard|gateway|portal] [--on-conflict skip|overwrite] [--mapping MAP.json]
         [--export-time ISO|UNIX] [--all-or-nothing] [--allow-unknown] [--portal "app=1 plan=2 products=3,4"]
         [--dry-run] [--results RESULTS.csv] [--json]    import keys with their values (exit 0 all done, 1 some failed or conflicting, 2 bad input)`;

const OPTIONS = {
  format: { type: 'string' },
  target: { type: 'string' },
  'on-conflict': { type: 'string' },
  mapping: { type: 'string' },
  'export-time': { type: 'string' },
  'all-or-nothing': { type: 'boolean' },
  'allow-unknown': { type: 'boolean' },
  portal: { type: 'string' },
  'dry-run': { type: 'boolean' },
  results: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `tyk-keybot import`: the same parser, preview and executor as /import-keys, started approved by the operator. */
export async function runImport(argv: string[], io: CliIo, env: NodeJS.ProcessEnv, actor: string): Promise<ExitCode> {
  const { values: v, positionals: paths } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  if (paths.length === 0) throw new KeybotError('BAD_INPUT', `Which file? Usage:\n${IMPORT_USAGE}`);
  const config = loadConfig(env, { needSlack: false });
  const choice = parseImportChoice(
    {
      format: v.format,
      target: v.target ?? (config.tyk.dashboard ? 'dashboard' : 'gateway'),
      onConflict: v['on-conflict'] ?? 'skip',
      exportTime: v['export-time'],
      dryRun: v['dry-run'],
      allOrNothing: v['all-or-nothing'],
      allowUnknown: v['allow-unknown'],
      portal: v.portal,
      apiMap: v.mapping ? parseApiMap(readFileSync(v.mapping, 'utf8')) : {},
    },
    Math.floor(Date.now() / 1000),
  );
  const rt = await openCliRuntime(config, io);
  try {
    const { request, preview, planned } = await rt.workflows.imports.draft({
      files: paths.map(fileFromPath),
      choice,
      requester: actor,
      approved: true,
    });
    if (!request) {
      if (v.json) printJson(io, null, 'dry-run', plannedSummary(preview.counts), planned ?? []);
      else io.out([preview.text.replace(/\*/g, ''), ...preview.warnings.map((w) => `warning: ${w}`)].join('\n'));
      return preview.counts.invalid > 0 ? EXIT.badInput : EXIT.ok;
    }
    if (!v.json) io.err(`${request.id}: importing ${preview.counts.new} new key(s)…`);
    const done = await rt.run(request.id, (r) => TERMINAL.includes(r.status) && rt.store.jobs.get(r.id, 'report')?.status !== 'pending');
    const counts = toCounts(rt.store.importItems.counts(request.id));
    if (v.results) writeLines(v.results, resultsCsv(rt.store.importItems.all(request.id), { keyHash: true }));
    if (v.json) {
      const summary = {
        created: counts.created + counts.overwritten,
        identical: counts.identical,
        conflict: counts.conflict,
        skipped: counts.skipped,
        invalid: counts.invalid,
        failed: counts.failed,
      };
      const records = (function* () {
        for (const r of rt.store.importItems.all(request.id))
          yield { ref: r.ref, fingerprint: r.fingerprint, status: r.status, error: r.error ?? notImportedWhy(r) };
      })();
      printJson(io, request.id, done.status, summary, records);
    } else {
      io.out(
        `${request.id} ${done.status}: created ${counts.created}, overwritten ${counts.overwritten}, identical ${counts.identical}, conflict ${counts.conflict}, skipped ${counts.skipped}, invalid ${counts.invalid}, failed ${counts.failed}`,
      );
      if (done.error) io.out(done.error);
    }
    if (done.status === 'failed' || counts.failed > 0 || counts.conflict > 0) return EXIT.failed;
    return counts.invalid > 0 ? EXIT.badInput : EXIT.ok;
  } finally {
    rt.close();
  }
}

type JsonRecord = { ref: string; fingerprint: string | null; status: string; error?: string | null };

/** The contract's JSON, written record by record: 100,000 records are never one string in memory. */
function printJson(
  io: CliIo,
  requestId: string | null,
  status: string,
  summary: Record<string, number>,
  records: Iterable<JsonRecord>,
): void {
  io.out(`${JSON.stringify({ request_id: requestId, status, summary }).slice(0, -1)},"records":[`);
  let first = true;
  for (const { error, ...r } of records) {
    io.out(`${first ? '' : ','}${JSON.stringify(error ? { ...r, error } : r)}`);
    first = false;
  }
  io.out(']}');
}

/** A dry run's summary has a real run's fields: `created` is what would be created. */
const plannedSummary = (c: { new: number; identical: number; conflict: number; skipped: number; invalid: number }) => ({
  created: c.new,
  identical: c.identical,
  conflict: c.conflict,
  skipped: c.skipped,
  invalid: c.invalid,
  failed: 0,
});

const notImportedWhy = (r: { status: string; reason: string | null }): string | null =>
  r.status === 'invalid' || r.status === 'skipped' ? r.reason : null;

/** A file written line by line, created 0600: a results file names every key by fingerprint. */
function writeLines(path: string, lines: Iterable<string>): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    for (const line of lines) writeSync(fd, line);
  } finally {
    closeSync(fd);
  }
}

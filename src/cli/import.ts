import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { FORMATS, parseApiMap, parseImportChoice } from '../command-args/import-keys.js';
import { loadConfig } from '../config.js';
import { KeybotError } from '../errors.js';
import { fileFromPath } from '../importers/index.js';
import { TERMINAL } from '../store/requests.js';
import { previewText } from '../workflows/import-keys/preview.js';
import { resultsCsv } from '../workflows/import-keys/results-csv.js';
import { warnIfLeftForBot } from './bot-presence.js';
import { type CliCommand, JSON_FLAG, oneOf, type ParsedArgs } from './command.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';
import { withCliRuntime } from './runtime.js';

const TARGETS = ['dashboard', 'gateway', 'portal'] as const;
const ON_CONFLICT = ['skip', 'overwrite'] as const;

/** `tyk-keybot import`: the same parser, preview and executor as /import-keys, started approved by the operator. */
export const importCommand: CliCommand = {
  name: 'import',
  args: 'FILE [AUX_FILE…] --format FORMAT',
  summary: "import keys with their original values from another gateway's export (--dry-run: preview only)",
  about: `Imports the keys of an export with their original values, so consumers change nothing. FILE is
the export; AUX_FILEs are its companions (usage plans, products), each recognised by its content.
Exit 0 when every record is created, identical or skipped; 1 when any failed or conflicts; 2 for bad input.`,
  flags: [
    { name: 'format', value: 'FORMAT', help: `the export's format: ${FORMATS.join(', ')} (required)` },
    {
      name: 'target',
      value: 'TARGET',
      help: `where the keys go: ${TARGETS.join(', ')}`,
      default: 'dashboard if TYK_DASHBOARD_URL is set, else gateway',
    },
    { name: 'on-conflict', value: 'ACTION', help: `a key that exists with other settings: ${ON_CONFLICT.join(', ')}`, default: 'skip' },
    {
      name: 'mapping',
      value: 'MAP.json',
      help: 'source API → Tyk API: {"<source API>": {"api_id": "…", "api_name": "…"}}',
      default: 'none',
    },
    {
      name: 'export-time',
      value: 'ISO|UNIX',
      help: 'when the export was taken; expiry and quota times are relative to it',
      default: 'now',
    },
    { name: 'all-or-nothing', help: 'import nothing when any record of the file is invalid' },
    { name: 'allow-unknown', help: 'import records naming an API or policy Tyk does not have (else invalid)' },
    { name: 'portal', value: '"app=1 plan=2 products=3,4"', help: 'where the credentials go in the Developer Portal (--target portal)' },
    { name: 'dry-run', help: 'preview only: each record with its planned status; nothing is written' },
    { name: 'results', value: 'RESULTS.csv', help: 'write one line per record (fingerprints, statuses, key_hash) to this file, mode 0600' },
    JSON_FLAG,
  ],
  needs: 'KEYBOT_SECRET_KEY, KEYBOT_DB, the Tyk API of the target (TYK_GATEWAY_*, TYK_DASHBOARD_* or TYK_PORTAL_*)',
  examples: [
    'tyk-keybot import kong-dump.yaml --format kong --target gateway --dry-run',
    'tyk-keybot import keys.csv --format csv --on-conflict overwrite --results results.csv --json',
  ],
  run: ({ positionals, values }, { io, env, actor }) => runImport(positionals, values, io, env, actor),
};

/** The import's choices from the command line, checked as the Slack form's are. */
function importChoiceOf(v: ParsedArgs['values'], defaultTarget: 'dashboard' | 'gateway') {
  const str = (name: string) => v[name] as string | undefined;
  return parseImportChoice(
    {
      format: oneOf('--format', str('format'), FORMATS, true),
      target: oneOf('--target', str('target'), TARGETS) ?? defaultTarget,
      onConflict: oneOf('--on-conflict', str('on-conflict'), ON_CONFLICT) ?? 'skip',
      exportTime: str('export-time'),
      dryRun: v['dry-run'] === true,
      allOrNothing: v['all-or-nothing'] === true,
      allowUnknown: v['allow-unknown'] === true,
      portal: str('portal'),
      apiMap: str('mapping') ? parseApiMap(readFileSync(str('mapping') as string, 'utf8')) : {},
    },
    Math.floor(Date.now() / 1000),
  );
}

async function runImport(paths: string[], v: ParsedArgs['values'], io: CliIo, env: NodeJS.ProcessEnv, actor: string): Promise<ExitCode> {
  if (paths.length === 0) throw new KeybotError('BAD_INPUT', 'Which file? Give the export as FILE. See tyk-keybot import --help');
  const config = loadConfig(env, { needSlack: false });
  const str = (name: string) => v[name] as string | undefined;
  const choice = importChoiceOf(v, config.tyk.dashboard ? 'dashboard' : 'gateway');
  return withCliRuntime(config, io, async (rt) => {
    const { request, preview, planned } = await rt.workflows.imports.draft({
      files: paths.map(fileFromPath),
      choice,
      requester: actor,
      approved: true,
      plannedRecords: v['json'] === true,
    });
    if (!request) {
      if (v['json']) printJson(io, null, 'dry-run', plannedSummary(preview.counts), planned ?? []);
      else io.out([previewText(preview.summary), ...preview.warnings.map((w) => `warning: ${w}`)].join('\n'));
      return preview.counts.invalid > 0 ? EXIT.badInput : EXIT.ok;
    }
    if (!v['json']) io.err(`${request.id}: importing ${preview.counts.new} new key(s)…`);
    const { imports, records } = rt.workflows;
    const done = await rt.run(request.id, (r) => TERMINAL.includes(r.status) && !records.pendingSteps(r.id).includes('report'));
    const counts = imports.counts(request.id);
    warnIfLeftForBot(rt.workflows.records, config.dbPath, request.id, io);
    if (str('results')) writeLines(str('results') as string, resultsCsv(imports.items(request.id), { keyHash: true }));
    if (v['json']) {
      const summary = {
        created: counts.created + counts.overwritten,
        identical: counts.identical,
        conflict: counts.conflict,
        skipped: counts.skipped,
        invalid: counts.invalid,
        failed: counts.failed,
      };
      const records = (function* () {
        for (const r of imports.items(request.id))
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
  });
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

import { loadConfig } from '../config.js';
import { KeybotError } from '../errors.js';
import type { HygieneEntry, HygieneReport } from '../workflows/inventory/report.js';
import { type CliCommand, JSON_FLAG } from './command.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';
import { withCliRuntime } from './runtime.js';

const NEEDS =
  'the Tyk settings, KEYBOT_DB and KEYBOT_SECRET_KEY; ROTATION_MAX_AGE, ROTATION_WARN_BEFORE and KEYBOT_POLICY_FILE for the rules';

/** `tyk-keybot hygiene [--json]`: a CI gate, exit 1 while a key is overdue. */
export const hygieneCommand: CliCommand = {
  name: 'hygiene',
  args: '',
  summary: "scan Tyk's keys and print the key hygiene report; exit 1 when a key is overdue",
  about: `Scans every key Tyk lets the bot list (and the keys it imported or rotated), applies the rotation
rules and prints the same report as the weekly digest: counts of overdue, due soon, no expiry, no
owner and idle keys, then the most urgent keys by alias and fingerprint. Exit 1 while a key is
overdue, so a CI job can fail on it.`,
  flags: [JSON_FLAG],
  needs: NEEDS,
  examples: ['tyk-keybot hygiene', 'tyk-keybot hygiene --json'],
  run: ({ values }, { io, env }) => runHygiene('hygiene', values['json'] === true, io, env),
};

/** `tyk-keybot inventory --csv`: every live key, for auditors. */
export const inventoryCommand: CliCommand = {
  name: 'inventory',
  args: '',
  summary: "scan Tyk's keys and print every live key as CSV (fingerprints only)",
  about: `Scans Tyk's keys like hygiene and prints the whole inventory as CSV: alias, fingerprint, owner,
policies, APIs, expiry, created, last rotated, last seen, standing. No key value or key hash.`,
  flags: [{ name: 'csv', help: 'print CSV (the only format; required)' }],
  needs: NEEDS,
  examples: ['tyk-keybot inventory --csv > keys.csv'],
  run: ({ values }, { io, env }) => {
    if (values['csv'] !== true) throw new KeybotError('BAD_INPUT', 'Usage: tyk-keybot inventory --csv (CSV is the only format)');
    return runHygiene('inventory', false, io, env);
  },
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const entryJson = (e: HygieneEntry, now: number) => ({
  alias: e.key.alias,
  fingerprint: e.key.fingerprint,
  standing: e.standing,
  due_at: iso(e.dueAt),
  age_days: e.since === null ? null : Math.floor((now - e.since) / 86_400_000),
  owner: e.key.ownerSlackId ?? e.key.ownerEmail ?? null,
  no_expiry: e.noExpiry,
  no_owner: e.noOwner,
  idle: e.idle,
  rule: e.policy.rule ?? null,
});

function reportJson(r: HygieneReport) {
  const c = r.counts;
  return {
    at: iso(r.at),
    keys: r.total,
    counts: { overdue: c.overdue, due_soon: c.dueSoon, no_expiry: c.noExpiry, no_owner: c.noOwner, idle: c.idle },
    most_urgent: r.top.map((e) => entryJson(e, r.at)),
  };
}

function reportText(r: HygieneReport): string {
  const c = r.counts;
  const head = `Key hygiene: ${c.overdue} overdue · ${c.dueSoon} due soon · ${c.noExpiry} no expiry · ${c.noOwner} no owner · ${c.idle} idle (${r.total} keys)`;
  const lines = r.top.map((e) => {
    const j = entryJson(e, r.at);
    const flags = [j.no_expiry && 'no expiry', j.no_owner && 'no owner', j.idle && 'idle'].filter(Boolean).join(', ');
    const age = j.age_days === null ? 'age unknown' : `${j.age_days} days old`;
    return `  ${j.alias || '(no alias)'} ${j.fingerprint}  ${j.standing}  ${age}  ${j.owner ?? 'no owner'}${flags ? `  ${flags}` : ''}`;
  });
  return [head, ...lines].join('\n');
}

/**
 * `tyk-keybot hygiene [--json]` (a CI gate: exit 1 while a key is overdue) and `tyk-keybot inventory
 * --csv` (for auditors). Both scan Tyk first, so they tell the state of now, not of the last digest.
 */
async function runHygiene(command: 'hygiene' | 'inventory', json: boolean, io: CliIo, env: NodeJS.ProcessEnv): Promise<ExitCode> {
  const config = loadConfig(env, { needSlack: false });
  return withCliRuntime(config, io, async (rt) => {
    const hygiene = rt.workflows.hygiene;
    await hygiene.scan((done, total, phase) =>
      io.progress?.(`${phase === 'keys' ? 'scanned' : 'checked the usage of'} ${done}${total === null ? '' : ` of ${total}`} keys`),
    );
    if (command === 'inventory') {
      for (const chunk of hygiene.csv().content()) io.out(chunk.replace(/\r\n$/, ''));
      return EXIT.ok;
    }
    const r = hygiene.report();
    io.out(json ? JSON.stringify(reportJson(r)) : reportText(r));
    return r.counts.overdue > 0 ? EXIT.failed : EXIT.ok;
  });
}

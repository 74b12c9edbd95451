import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { KeybotError } from '../errors.js';
import type { HygieneEntry, HygieneReport } from '../workflows/inventory/report.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';
import { openCliRuntime } from './runtime.js';

export const HYGIENE_USAGE = `  hygiene [--json]                                  scan Tyk's keys and print the key hygiene report; exit 1 when a key is overdue
  inventory --csv                                   scan Tyk's keys and print every live key as CSV (fingerprints only)`;

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
export async function runHygiene(command: 'hygiene' | 'inventory', argv: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<ExitCode> {
  const options = { json: { type: 'boolean' }, csv: { type: 'boolean' } } as const;
  const { values } = parseArgs({ args: argv, allowPositionals: false, strict: true, options });
  if (command === 'inventory' && (!values.csv || values.json))
    throw new KeybotError('BAD_INPUT', 'Usage: tyk-keybot inventory --csv (CSV is the only format)');
  if (command === 'hygiene' && values.csv)
    throw new KeybotError('BAD_INPUT', 'Usage: tyk-keybot hygiene [--json] (the CSV is tyk-keybot inventory --csv)');
  const config = loadConfig(env, { needSlack: false });
  const rt = await openCliRuntime(config, io);
  try {
    const hygiene = rt.workflows.hygiene;
    await hygiene.scan((done, total) => io.progress?.(`scanned ${done}${total === null ? '' : ` of ${total}`} keys`));
    if (command === 'inventory') {
      for (const chunk of hygiene.csv().content()) io.out(chunk.replace(/\r\n$/, ''));
      return EXIT.ok;
    }
    const r = hygiene.report();
    io.out(values.json ? JSON.stringify(reportJson(r)) : reportText(r));
    return r.counts.overdue > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    rt.close();
  }
}

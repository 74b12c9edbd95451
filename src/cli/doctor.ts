import { parseArgs } from 'node:util';
import pino from 'pino';
import { checkLine } from '../checks/check.js';
import { runChecks } from '../checks/run-checks.js';
import { loadConfig } from '../config.js';
import { createLog } from '../log.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';

export const DOCTOR_USAGE = `  doctor [--json]                                   the bot's start-up checks (Slack, Tyk), one line each, with the fix`;

const DOCTOR_HELP = `Usage: tyk-keybot doctor [--json]

Runs the checks the bot runs before it starts: SLACK_BOT_TOKEN signs in and has the scopes
manifest.yml asks for, the bot is in APPROVAL_CHANNEL and NOTIFY_CHANNEL, the user groups in
APPROVERS exist, each configured Tyk API answers and accepts its credential, and TYK_ORG_ID is
the org of your APIs. One line per check: "ok" or "FAIL" with what to fix.

Unlike the other commands it needs the Slack variables too (the same settings as the bot).

  --json   {"ok": true|false, "checks": [{"name", "ok", "detail"}]}

Exit codes: 0 every check passed, 1 a check failed, 2 the settings themselves are wrong.`;

/** `tyk-keybot doctor`: the start-up checks, for an operator at a terminal. Never prints a secret. */
export async function runDoctor(argv: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<ExitCode> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(DOCTOR_HELP);
    return EXIT.ok;
  }
  const config = loadConfig(env); // a ConfigError becomes exit 2 with the same text as the bot's
  // The lines are the report; client log lines would only repeat them (LOG_LEVEL=debug shows them on stderr).
  const debug = config.logLevel === 'debug' || config.logLevel === 'trace';
  const log = createLog({ level: debug ? config.logLevel : 'silent', destination: pino.destination(2) });
  const results = await runChecks(config, log);
  const allPass = results.every((r) => r.ok);
  if (values.json) {
    io.out(JSON.stringify({ ok: allPass, checks: results.map(({ name, ok, detail }) => ({ name, ok, detail })) }, null, 2));
  } else {
    for (const r of results) io.out(checkLine(r));
    io.out(allPass ? `all ${results.length} checks passed` : `${results.filter((r) => !r.ok).length} of ${results.length} checks failed`);
  }
  return allPass ? EXIT.ok : EXIT.failed;
}

import pino from 'pino';
import { checkLine } from '../checks/check.js';
import { loadConfig } from '../config.js';
import { createLog } from '../log.js';
import { type CliCommand, JSON_FLAG } from './command.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';

/** `tyk-keybot doctor`: the start-up checks, for an operator at a terminal. Never prints a secret. */
export const doctorCommand: CliCommand = {
  name: 'doctor',
  args: '',
  summary: "the bot's start-up checks (Slack, Tyk), one line each, with the fix",
  about: `Runs the checks the bot runs before it starts: SLACK_BOT_TOKEN signs in and has the scopes
manifest.yml asks for, the bot is in APPROVAL_CHANNEL and NOTIFY_CHANNEL, the user groups in
APPROVERS exist, each configured Tyk API answers and accepts its credential, and TYK_ORG_ID is
the org of your APIs. One line per check: "ok" or "FAIL" with what to fix. Exit 0 when every
check passed, 1 when one failed, 2 when the settings themselves are wrong.`,
  flags: [JSON_FLAG],
  needs: 'the same settings as the bot, the Slack variables included',
  examples: ['tyk-keybot doctor', 'tyk-keybot doctor --json'],
  run: ({ values }, { io, env }) => runDoctor(io, env, values['json'] === true),
};

async function runDoctor(io: CliIo, env: NodeJS.ProcessEnv, json: boolean): Promise<ExitCode> {
  const config = loadConfig(env); // a ConfigError becomes exit 2 with the same text as the bot's
  // The lines are the report; client log lines would only repeat them (LOG_LEVEL=debug shows them on stderr).
  const debug = config.logLevel === 'debug' || config.logLevel === 'trace';
  const log = createLog({ level: debug ? config.logLevel : 'silent', destination: pino.destination(2) });
  // Loaded here, not at the top: the checks bring Bolt and Slack's Web API client (a third of a
  // second to load), which no other command needs, and every command's start would pay for them.
  const { runChecks } = await import('../checks/run-checks.js');
  const results = await runChecks(config, log);
  const allPass = results.every((r) => r.ok);
  if (json) {
    io.out(JSON.stringify({ ok: allPass, checks: results.map(({ name, ok, detail }) => ({ name, ok, detail })) }, null, 2));
  } else {
    for (const r of results) io.out(checkLine(r));
    io.out(allPass ? `all ${results.length} checks passed` : `${results.filter((r) => !r.ok).length} of ${results.length} checks failed`);
  }
  return allPass ? EXIT.ok : EXIT.failed;
}

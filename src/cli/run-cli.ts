import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { type CliCommand, commandUsage, isHelpArg, parseCommandArgs, parseErrorText } from './command.js';
import { COMMANDS } from './commands.js';
import { guarded } from './guarded.js';
import { type CliIo, EXIT, type ExitCode, processIo } from './output.js';

/** `tyk-keybot --help`: every command with one line. */
export function cliUsage(commands: readonly CliCommand[] = COMMANDS): string {
  const left = commands.map((c) => `${c.name}${c.args ? ` ${c.args}` : ''}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return `Usage: tyk-keybot <command> [args] [flags]

Commands:
${commands.map((c, i) => `  ${(left[i] as string).padEnd(width)}${c.summary}`).join('\n')}

Flags for every command:
  --env-file PATH   read settings from this file as well (or set KEYBOT_ENV_FILE); no other file is read
  -h, --help        the usage of a command, its flags with their defaults and an example: tyk-keybot rotate --help
  --version         print the version of tyk-keybot

Settings come from the environment, as for the bot (see .env.example); the Slack variables are not needed.
Exit codes: 0 done, 1 failed, 2 bad input.`;
}

/** The version in package.json: the nearest one above this file (src/cli/ in the checkout, dist/src/cli/ when built). */
function version(): string {
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    const file = new URL('package.json', dir);
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    if (dir.pathname === '/') return 'unknown';
  }
}

/** The CLI: the same workflows without Slack, for CI/CD. Returns the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined || first === 'help' || isHelpArg(first)) {
    const asked = first === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.out(asked ? commandUsage(asked) : cliUsage());
    return first === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.out(version());
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    // Never echo the command line: a mistyped one may hold a key value.
    io.err(`Unknown command: the first word is not one of the commands below.\n\n${cliUsage()}`);
    return EXIT.badInput;
  }
  // --help anywhere after the command: its usage, and nothing else happens (no settings, no database, no Tyk).
  if (rest.some(isHelpArg)) {
    io.out(commandUsage(command));
    return EXIT.ok;
  }
  let args: ReturnType<typeof parseCommandArgs>;
  try {
    args = parseCommandArgs(command, rest);
  } catch (e) {
    io.err(parseErrorText(command, e as Error & { code?: string }));
    return EXIT.badInput;
  }
  const actor = `cli:${userInfo().username}`;
  return guarded(io, async () => command.run(args, { io, env, actor }));
}

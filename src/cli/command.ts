import { parseArgs } from 'node:util';
import { KeybotError } from '../errors.js';
import type { CliIo, ExitCode } from './output.js';

/** A flag of a command: the one description its parsing, its --help and its errors are made from. */
export interface Flag {
  name: string;
  /** the value's placeholder (`DURATION`); absent for a switch */
  value?: string;
  help: string;
  /** shown as "(default: …)" */
  default?: string;
}

export interface CliContext {
  io: CliIo;
  env: NodeJS.ProcessEnv;
  /** `cli:<user>`, the actor recorded in the history */
  actor: string;
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/** One `tyk-keybot <name>` command: an entry of the table in commands.ts. */
export interface CliCommand {
  name: string;
  /** the positional part of the synopsis, e.g. `KEY` */
  args: string;
  /** one line in `tyk-keybot --help` */
  summary: string;
  /** what it does, for `tyk-keybot <name> --help` */
  about: string;
  flags: Flag[];
  /** the settings it reads */
  needs: string;
  examples: string[];
  run(args: ParsedArgs, ctx: CliContext): Promise<ExitCode> | ExitCode;
}

const HELP_FLAG: Flag = { name: 'help', help: 'print this text and exit (also -h); nothing else happens' };
/** The `--json` flag, described once for every command that has it. */
export const JSON_FLAG: Flag = { name: 'json', help: 'print the result as JSON on stdout (never a key or secret value)' };

/** `tyk-keybot <name> --help`: synopsis, what it does, every flag with its default, what it needs, examples. */
export function commandUsage(c: CliCommand): string {
  const flags = [...c.flags, HELP_FLAG];
  const left = flags.map((f) => `--${f.name}${f.value ? ` ${f.value}` : ''}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  const lines = flags.map((f, i) => `  ${(left[i] as string).padEnd(width)}${f.help}${f.default ? ` (default: ${f.default})` : ''}`);
  return [
    `Usage: tyk-keybot ${c.name}${c.args ? ` ${c.args}` : ''}${c.flags.length > 0 ? ' [flags]' : ''}`,
    '',
    c.about,
    '',
    'Flags:',
    ...lines,
    '',
    `Needs: ${c.needs}`,
    '',
    c.examples.length > 1 ? 'Examples:' : 'Example:',
    ...c.examples.map((e) => `  ${e}`),
  ].join('\n');
}

/** Parses argv against the command's flags; a parse error names the flag only, never a value. */
export function parseCommandArgs(c: CliCommand, argv: string[]): ParsedArgs {
  const options = Object.fromEntries(c.flags.map((f) => [f.name, { type: f.value ? ('string' as const) : ('boolean' as const) }]));
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  return { values: values as ParsedArgs['values'], positionals };
}

/**
 * An unknown flag is named only when it reads like a mistyped flag name (a few lowercase words):
 * anything else may be a key value typed in the wrong place, and is never echoed.
 */
const nameable = (flag: string): boolean => /^-{1,2}[a-z][a-z-]{0,23}$/.test(flag);

/** The sentence for a parse error of `tyk-keybot <name>`: which flag, and where the usage is. */
export function parseErrorText(c: CliCommand, e: Error & { code?: string }): string {
  const flag = /'(-{1,2}[^'\s=<]+)/.exec(e.message)?.[1] ?? 'a flag';
  const what =
    e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? nameable(flag)
        ? `unknown flag ${flag}`
        : `unknown flag (not repeated here: it may be a key); its flags are ${c.flags.map((f) => `--${f.name}`).join(', ')}`
      : /does not take an argument/.test(e.message)
        ? `${flag} takes no value`
        : `${flag} needs a value${placeholderOf(c, flag)}`;
  return `tyk-keybot ${c.name}: ${what}. See tyk-keybot ${c.name} --help`;
}

const placeholderOf = (c: CliCommand, flag: string): string => {
  const f = c.flags.find((x) => `--${x.name}` === flag);
  return f?.value ? ` (${f.value})` : '';
};

/**
 * A flag with a fixed set of values, matched case-insensitively (`--format KONG`). A wrong value
 * is bad input listing the choices; the value itself is not repeated (a mistyped one may be a key).
 */
export function oneOf<T extends string>(flag: string, given: string | undefined, choices: readonly T[], required = false): T | undefined {
  if (given === undefined) {
    if (required) throw new KeybotError('BAD_INPUT', `${flag} is required: one of ${choices.join(', ')}`);
    return undefined;
  }
  const found = choices.find((c) => c === given.trim().toLowerCase());
  if (!found) throw new KeybotError('BAD_INPUT', `${flag} must be one of ${choices.join(', ')}`);
  return found;
}

export const isHelpArg = (a: string): boolean => a === '--help' || a === '-h';

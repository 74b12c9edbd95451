import { KeybotError } from '../errors.js';

/** Slack's text limit for a slash command is 4,000 characters; anything near it is not a real command. */
export const MAX_COMMAND_TEXT = 2_000;

export interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

/**
 * Splits slash-command text into words and `--flags`. Quotes may be straight or the curly ones
 * Slack's clients substitute as people type (“…”, ‘…’), so `--reason “key leaked”` works.
 */
export function splitArgs(text: string, usage: string): Args {
  if (text.length > MAX_COMMAND_TEXT)
    throw new KeybotError('BAD_INPUT', `That command is ${text.length} characters long; the limit is ${MAX_COMMAND_TEXT}.\n${usage}`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text))
    throw new KeybotError('BAD_INPUT', `That command contains control characters.\n${usage}`);
  const words: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|‘([^’]*)’|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) words.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '');
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const flag = /^(?:--|—)([a-z][a-z-]*)(?:=(.*))?$/.exec(w); // Slack turns "--" into an em dash on some clients
    if (!flag) {
      positional.push(w);
      continue;
    }
    const name = flag[1] as string;
    if (flag[2] !== undefined) flags.set(name, flag[2]);
    else if (i + 1 < words.length && !/^(--|—)/.test(words[i + 1] as string)) flags.set(name, words[++i] as string);
    else flags.set(name, true);
  }
  return { positional, flags };
}

export const isHelp = (text: string): boolean => /^\s*(help|--help|-h|\?)\s*$/i.test(text);

/** Rejects flags a command does not know, naming them and showing the usage. */
export function onlyFlags(args: Args, known: readonly string[], usage: string): void {
  const unknown = [...args.flags.keys()].filter((f) => !known.includes(f));
  if (unknown.length > 0) throw new KeybotError('BAD_INPUT', `Unknown option ${unknown.map((f) => `--${f}`).join(', ')}.\n${usage}`);
}

export function stringFlag(args: Args, name: string, usage: string): string | undefined {
  const v = args.flags.get(name);
  if (v === true) throw new KeybotError('BAD_INPUT', `--${name} needs a value.\n${usage}`);
  return v;
}

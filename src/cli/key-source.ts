import { readFileSync } from 'node:fs';
import { KeybotError } from '../errors.js';
import type { Flag, ParsedArgs } from './command.js';
import type { CliIo } from './output.js';

/** The flags that give KEY without putting it on the command line (shell history, `ps`). */
export const KEY_FLAGS: readonly Flag[] = [
  { name: 'key-file', value: 'PATH', help: 'read KEY from this file (one line), so it is not on the command line' },
  { name: 'key-stdin', help: 'read KEY from standard input (one line), so it is not on the command line' },
];

/** Standard input, to its end. */
export async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** One line of text: a trailing newline dropped; an empty input or a second line is refused (it is not a key). */
function oneLine(text: string, from: string): string {
  const key = text.replace(/\r?\n$/, '');
  if (key.trim() === '') throw new KeybotError('BAD_INPUT', `${from} holds no key.`);
  if (/[\r\n]/.test(key)) throw new KeybotError('BAD_INPUT', `${from} must hold the key on one line, and nothing else.`);
  return key;
}

/**
 * The positionals with KEY first, taken from --key-file or --key-stdin when one is given. Errors
 * name the flag, never the path or what was read.
 */
export async function withKeyArgument(args: ParsedArgs, io: CliIo): Promise<string[]> {
  const file = args.values['key-file'];
  const stdin = args.values['key-stdin'] === true;
  if (typeof file === 'string' && stdin) throw new KeybotError('BAD_INPUT', 'Give --key-file or --key-stdin, not both.');
  if (typeof file !== 'string' && !stdin) return args.positionals;
  const flag = stdin ? '--key-stdin' : '--key-file';
  // one KEY: the flag takes the place of the first positional, the rest (none) stays as given
  if (args.positionals.length > 0) throw new KeybotError('BAD_INPUT', `Give KEY or ${flag}, not both.`);
  let text: string;
  if (stdin) text = await (io.readStdin ?? readProcessStdin)();
  else {
    try {
      text = readFileSync(file as string, 'utf8');
    } catch (e) {
      throw new KeybotError('BAD_INPUT', `--key-file could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
  }
  return [oneLine(text, stdin ? 'Standard input' : '--key-file')];
}

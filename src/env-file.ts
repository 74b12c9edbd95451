import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * Env files are read only when named: `--env-file PATH` on the command line, else the variable
 * `KEYBOT_ENV_FILE`. A `.env` that merely lies in the current directory is never read: a checkout
 * with a planted `.env` could otherwise add a Tyk Dashboard URL that takes over from the
 * configured Gateway and receive every key. `npm start` names `./.env` explicitly.
 */
export class EnvFileError extends Error {
  override name = 'EnvFileError';
}

export interface NamedEnv {
  /** the environment with the file's variables added (a variable already set wins over the file) */
  env: NodeJS.ProcessEnv;
  /** argv without `--env-file PATH` */
  argv: string[];
  /** the file read, or null */
  file: string | null;
}

export function loadNamedEnvFile(argv: string[], env: NodeJS.ProcessEnv): NamedEnv {
  const { file: flagged, rest } = takeEnvFileFlag(argv);
  const file = flagged ?? (env['KEYBOT_ENV_FILE'] || null);
  if (file === null) return { env, argv: rest, file: null };
  if (!existsSync(file)) {
    const how = flagged ? '--env-file' : 'KEYBOT_ENV_FILE';
    throw new EnvFileError(`the env file ${file} (named by ${how}) does not exist; create it from .env.example or name another one`);
  }
  let parsed: Record<string, string>;
  try {
    parsed = parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch (e) {
    throw new EnvFileError(`the env file ${file} cannot be read: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  return { env: { ...parsed, ...given }, argv: rest, file };
}

/** `--env-file PATH` or `--env-file=PATH`, anywhere in argv. */
function takeEnvFileFlag(argv: string[]): { file: string | null; rest: string[] } {
  const rest: string[] = [];
  let file: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--env-file') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new EnvFileError('--env-file needs a path, e.g. --env-file .env');
      file = next;
      i++;
    } else if (arg.startsWith('--env-file=')) {
      file = arg.slice('--env-file='.length);
      if (!file) throw new EnvFileError('--env-file needs a path, e.g. --env-file=.env');
    } else {
      rest.push(arg);
    }
  }
  return { file, rest };
}

/** A hint for people used to the old behaviour: a `.env` here is ignored unless named. */
export const unreadDotEnvNote = (file: string | null, cwd = process.cwd()): string | null =>
  file === null && existsSync(`${cwd}/.env`) ? 'note: ./.env is not read unless named (--env-file .env, or KEYBOT_ENV_FILE=.env)' : null;

#!/usr/bin/env node
import { processIo } from './cli/output.js';
import { runCli } from './cli/run-cli.js';
import { EnvFileError, loadNamedEnvFile, unreadDotEnvNote } from './env-file.js';

/**
 * `tyk-keybot`: the same workflows from a terminal, for CI/CD. Settings come from the environment
 * and from the env file named by --env-file or KEYBOT_ENV_FILE, never from a `.env` that merely
 * lies in the current folder (a planted one could redirect every key to another Tyk).
 */
async function main(argv: string[]): Promise<number> {
  let named: ReturnType<typeof loadNamedEnvFile>;
  try {
    named = loadNamedEnvFile(argv, process.env);
  } catch (e) {
    if (!(e instanceof EnvFileError)) throw e;
    process.stderr.write(`tyk-keybot: ${e.message}\n`);
    return 2;
  }
  const quiet = named.argv.some((a) => a === '--help' || a === '-h' || a === '--version') || named.argv.length === 0;
  const note = quiet ? null : unreadDotEnvNote(named.file);
  if (note) process.stderr.write(`${note}\n`);
  return runCli(named.argv, processIo, named.env);
}

main(process.argv.slice(2)).then((code) => {
  // Exit once stdout has drained: a large --json answer into a pipe must not be cut off.
  process.stdout.write('', () => process.exit(code));
});

import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { KeybotError } from '../errors.js';
import { createStore } from '../store/index.js';
import { auditVerify } from './audit.js';
import { CREDENTIAL_USAGE, runCredentialCommand } from './credential-clis.js';
import { guarded } from './guarded.js';
import { history } from './history.js';
import { HYGIENE_USAGE, runHygiene } from './hygiene.js';
import { IMPORT_USAGE, runImport } from './import.js';
import { type CliIo, EXIT, type ExitCode, processIo } from './output.js';
import { REVOKE_USAGE, runRevokeKey } from './revoke-key.js';
import { ROTATE_USAGE, runRotateKey } from './rotate-key.js';

export const CLI_USAGE = `Usage: tyk-keybot <command> [options]

Commands:
  history [KEY | REQUEST_ID] [--user U…] [--json]   requests and their history (fingerprints only)
  audit verify [--json]                             check the history's hash chain
${IMPORT_USAGE}
${ROTATE_USAGE}
${REVOKE_USAGE}
${CREDENTIAL_USAGE}
${HYGIENE_USAGE}

Exit codes: 0 done, 1 failed, 2 bad input. Configuration comes from the environment (and .env),
as for the bot; the Slack variables are not needed.`;

/** The CLI: the same workflows without Slack, for CI/CD. Returns the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<ExitCode> {
  const actor = `cli:${userInfo().username}`;
  const [command, ...rest] = argv;
  switch (command) {
    case 'import':
      return guarded(io, () => runImport(rest, io, env, actor));
    case 'rotate':
      return guarded(io, () => runRotateKey(rest, io, env, actor));
    case 'revoke':
      return guarded(io, () => runRevokeKey(rest, io, env, actor));
    case 'hygiene':
    case 'inventory':
      return guarded(io, () => runHygiene(command, rest, io, env));
    case 'audit':
    case 'history':
      return guarded(io, async () => runStoreCommand(command, rest, io, env, actor));
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(CLI_USAGE);
      return command === undefined ? EXIT.badInput : EXIT.ok;
  }
  const credential = runCredentialCommand(command, rest, io, env, actor); // rotate-secret | rotate-user-key | rotate-credential
  if (credential) return credential;
  // Never echo the command line: a mistyped one may hold a key value.
  io.err(`Unknown command: the first word is not one of the commands below.\n\n${CLI_USAGE}`);
  return EXIT.badInput;
}

/** `audit verify` and `history`: read the store only, no Tyk. */
function runStoreCommand(command: 'audit' | 'history', argv: string[], io: CliIo, env: NodeJS.ProcessEnv, actor: string): ExitCode {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { json: { type: 'boolean' }, user: { type: 'string' } },
  });
  if (command === 'audit' && positionals[0] !== 'verify') throw new KeybotError('BAD_INPUT', `Usage: tyk-keybot audit verify [--json]`);
  const config = loadConfig(env, { needSlack: false });
  const store = createStore(config.dbPath, config.secretKey);
  try {
    const json = Boolean(values.json);
    return command === 'audit' ? auditVerify(store, io, json) : history(store, io, positionals[0], values.user, json, actor);
  } finally {
    store.close();
  }
}

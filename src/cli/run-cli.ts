import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { isKeybotError } from '../errors.js';
import { auditVerify } from './audit.js';
import { CREDENTIAL_USAGE, runCredentialCommand } from './credential-clis.js';
import { history } from './history.js';
import { IMPORT_USAGE, runImport } from './import.js';
import { ROTATE_USAGE, runRotateKey } from './rotate-key.js';
import { type CliIo, EXIT, type ExitCode, processIo } from './output.js';
import { createStore } from '../store/index.js';

export const CLI_USAGE = `Usage: tyk-keybot <command> [options]

Commands:
  history [KEY | REQUEST_ID] [--user U…] [--json]   requests and their history (fingerprints only)
  audit verify [--json]                             check the history's hash chain
${IMPORT_USAGE}
${ROTATE_USAGE}
${CREDENTIAL_USAGE}

Exit codes: 0 done, 1 failed, 2 bad input. Configuration comes from the environment (and .env),
as for the bot; the Slack variables are not needed.`;

/** The CLI: the same workflows without Slack, for CI/CD. Returns the exit code. */
export async function runCli(argv: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<ExitCode> {
  const actor = `cli:${userInfo().username}`;
  if (argv[0] === 'import') return guarded(io, () => runImport(argv.slice(1), io, env, actor));
  if (argv[0] === 'rotate') return guarded(io, () => runRotateKey(argv.slice(1), io, env, actor));
  const credential = runCredentialCommand(argv[0], argv.slice(1), io, env, actor); // own flags: dispatched before the common parse
  if (credential) return credential;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, user: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${CLI_USAGE}`);
    return EXIT.badInput;
  }
  const [command, ...rest] = parsed.positionals;
  if (!command || parsed.values.help || command === 'help') {
    io.out(CLI_USAGE);
    return command || parsed.values.help ? EXIT.ok : EXIT.badInput;
  }
  try {
    const config = loadConfig(env, { needSlack: false });
    const store = createStore(config.dbPath, config.secretKey);
    try {
      const json = Boolean(parsed.values.json);
      switch (command) {
        case 'audit':
          if (rest[0] !== 'verify') break;
          return auditVerify(store, io, json);
        case 'history':
          return history(store, io, rest[0], parsed.values.user, json, actor);
      }
    } finally {
      store.close();
    }
    io.err(`Unknown command "${[command, ...rest].join(' ')}".\n\n${CLI_USAGE}`);
    return EXIT.badInput;
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(e.message);
      return EXIT.badInput;
    }
    if (isKeybotError(e)) {
      io.err(e.userMessage);
      return e.code === 'BAD_INPUT' ? EXIT.badInput : EXIT.failed;
    }
    io.err(`failed: ${(e as Error).message}`);
    return EXIT.failed;
  }
}

/** The one place a CLI failure becomes an exit code and a sentence (never a stack or a key). */
export async function guarded(io: CliIo, fn: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(e.message);
      return EXIT.badInput;
    }
    if (isKeybotError(e)) {
      io.err(e.userMessage);
      return e.code === 'BAD_INPUT' ? EXIT.badInput : EXIT.failed;
    }
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(e as Error).message}\n\n${CLI_USAGE}`);
      return EXIT.badInput;
    }
    io.err(`failed: ${(e as Error).message}`);
    return EXIT.failed;
  }
}

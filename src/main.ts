#!/usr/bin/env node
import { ConfigError, loadConfig } from './config.js';
import { EnvFileError, loadNamedEnvFile, unreadDotEnvNote } from './env-file.js';
import { isKeybotError } from './errors.js';
import { startKeybot } from './keybot.js';
import { createLog } from './log.js';
import { plainHttpWarnings } from './tyk-endpoints.js';

/** How long a stop waits for running jobs before returning them to the queue (docker stop allows 10 s). */
const DRAIN_MS = 5_000;
/** A stop that hangs anyway (a stuck socket) still ends the process. */
const HARD_STOP_MS = 9_000;

/**
 * Start-up: the env file named by --env-file or KEYBOT_ENV_FILE (no other) → config → the bot.
 * SIGTERM/SIGINT: stop taking work, let running jobs finish or return them to the queue, close
 * the database, exit 0.
 */
async function main(): Promise<void> {
  let config;
  let envFile: string | null;
  try {
    const named = loadNamedEnvFile(process.argv.slice(2), process.env);
    envFile = named.file;
    config = loadConfig(named.env);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof EnvFileError) {
      process.stderr.write(`${e instanceof EnvFileError ? `tyk-keybot cannot start: ${e.message}` : e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const log = createLog({ level: config.logLevel, development: config.development });
  log.info({ envFile }, envFile ? 'settings read from the env file and the environment' : 'settings read from the environment');
  const note = unreadDotEnvNote(envFile);
  if (note) log.warn(note);
  for (const warning of plainHttpWarnings(config)) log.warn(warning);
  const bot = await startKeybot(config, { log, tty: process.stdout.isTTY ? process.stdout : null });

  const stop = (signal: string) => {
    bot.log.info({ signal, drainMs: DRAIN_MS }, 'stopping: no new work; running jobs get a moment to finish');
    setTimeout(() => process.exit(1), HARD_STOP_MS).unref();
    bot.stop({ drainMs: DRAIN_MS }).then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`tyk-keybot did not stop cleanly: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`tyk-keybot could not start: ${isKeybotError(e) ? e.userMessage : (e as Error).message}\n`);
  process.exit(1);
});

#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.js';
import { isKeybotError } from './errors.js';
import { startKeybot } from './keybot.js';

/** Start-up: .env (when present) → config → the bot; SIGTERM/SIGINT stop it cleanly. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const bot = await startKeybot(config);
  const stop = (signal: string) => {
    bot.log.info({ signal }, 'stopping');
    bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`tyk-keybot could not start: ${isKeybotError(e) ? e.userMessage : (e as Error).message}\n`);
  process.exit(1);
});

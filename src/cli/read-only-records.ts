import { existsSync } from 'node:fs';
import { loadDbSettings } from '../config.js';
import { KeybotError } from '../errors.js';
import { createStore } from '../store/index.js';
import { readOnlyWorkflows } from '../workflows/index.js';
import type { Records } from '../workflows/records.js';
import type { ExitCode } from './output.js';

/**
 * history reads neither sealed values nor MACs, so it needs no vault key; this one is never used
 * to decrypt or to sign (the store is read-only).
 */
const UNUSED_KEY = Buffer.alloc(32);

/**
 * `history` and `audit verify`: the workflows' records of the bot's database, read-only, no Tyk. A
 * path that does not exist is bad input: a mistyped KEYBOT_DB must not become a new, empty database
 * reported as intact.
 */
export function withReadOnlyRecords(env: NodeJS.ProcessEnv, o: { needKey: boolean }, fn: (records: Records) => ExitCode): ExitCode {
  const { dbPath, secretKey } = loadDbSettings(env, o);
  if (!existsSync(dbPath)) throw new KeybotError('BAD_INPUT', `no database at ${dbPath} (KEYBOT_DB): check the path`);
  const store = createStore(dbPath, secretKey ?? UNUSED_KEY, { readonly: true });
  try {
    return fn(readOnlyWorkflows({ store }).records);
  } finally {
    store.close();
  }
}

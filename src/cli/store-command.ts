import { loadConfig } from '../config.js';
import { createStore, type Store } from '../store/index.js';
import type { ExitCode } from './output.js';

/** `history` and `audit verify`: the store only, no Tyk. */
export function withStore(env: NodeJS.ProcessEnv, fn: (store: Store) => ExitCode): ExitCode {
  const config = loadConfig(env, { needSlack: false });
  const store = createStore(config.dbPath, config.secretKey);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Log } from '../log.js';
import type { Store } from '../store/index.js';
import type { TykHttpOptions } from '../tyk/http.js';
import type { TykServices } from '../tyk/services.js';
import type { Directory, Notifier } from './notices.js';

/** What every workflow gets: the same services for Slack, the CLI and tests. */
export interface WorkflowDeps {
  config: Config;
  store: Store;
  clock: Clock;
  log: Log;
  tyk: TykServices;
  notifier: Notifier;
  directory: Directory;
  /** Every attempt of the Tyk clients an import's worker thread builds for itself, for /metrics and /readyz (the bot's own clients report theirs directly). */
  observeTyk?: TykHttpOptions['observe'];
  /** Asks the scheduler to run due jobs now (bound after the scheduler exists). */
  kick(): void;
}

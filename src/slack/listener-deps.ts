import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Log } from '../log.js';
import type { Workflows } from '../workflows/index.js';
import type { Lanes } from './after-ack.js';

/** What every listener gets. Listeners parse, call a workflow, and render; they never call Tyk. */
export interface ListenerDeps {
  config: Config;
  log: Log;
  /** the clock the workflows run on (tests move it) */
  clock: Clock;
  workflows: Workflows;
  /** where post-ack work waits its turn, clicks apart from commands (see after-ack.ts) */
  lanes: Lanes;
  /** how long one download of a file attached to a form may take (download-file.ts) */
  downloadTimeoutMs: number;
}

import pino from 'pino';
import { systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { createLog } from '../log.js';
import { createScheduler } from '../scheduler/scheduler.js';
import { createStore } from '../store/index.js';
import type { RequestRecord } from '../store/requests.js';
import { createTykServices } from '../tyk/create-services.js';
import { WORKFLOWS } from '../workflows/definitions.js';
import type { WorkflowDeps } from '../workflows/deps.js';
import { createWorkflows, type Workflows } from '../workflows/index.js';
import { cliNotifier } from './cli-notifier.js';
import type { CliIo } from './output.js';

/** Longest the CLI waits for a retry of its own request before handing the rest to the bot. */
const MAX_WAIT_MS = 15 * 60_000;

/**
 * The workflows without Slack: the same store, Tyk clients and job handlers as the bot. The CLI
 * runs only its own request's jobs; later ones (reminders, retirement) stay queued for the bot.
 */
export interface CliRuntime {
  /** the same facade the Slack listeners use; the CLI asks it, never the store */
  workflows: Workflows;
  /** runs the request's due jobs (waiting out retries) until `done` holds or nothing of it is left to run now */
  run(requestId: string, done: (r: RequestRecord) => boolean): Promise<RequestRecord>;
  /** closes the store */
  close(): void;
}

// long: a factory: run and close share the store, the scheduler and the workflows
/** Opens the store and the Tyk clients of `config` and builds the workflows over them. */
export async function openCliRuntime(config: Config, io: CliIo): Promise<CliRuntime> {
  const log = createLog({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, destination: pino.destination(2) });
  const store = createStore(config.dbPath, config.secretKey, { log, checkpointer: true });
  const clock = systemClock;
  let kick = () => undefined as undefined;
  const deps: WorkflowDeps = {
    config,
    store,
    clock,
    log,
    tyk: await createTykServices(config, log).catch((e) => {
      store.close();
      throw e;
    }),
    notifier: cliNotifier(io),
    // no Slack: no group members, no emails
    directory: {
      isApprover: async () => false,
      usersOf: async (ids) => ids.filter((id) => !id.startsWith('S')),
      userIdByEmail: async () => null,
    },
    kick: () => kick(),
  };
  const workflows = createWorkflows(deps, WORKFLOWS);

  const { records } = workflows;
  return {
    workflows,
    async run(requestId: string, done: (r: RequestRecord) => boolean): Promise<RequestRecord> {
      const scheduler = createScheduler({
        store,
        clock,
        log,
        cron: '0 0 1 1 *',
        onlyRequest: requestId,
        concurrency: 2,
        run: workflows.runner.run,
        onGaveUp: workflows.runner.onGaveUp,
      });
      let running = true; // a kick queued just before the end must not tick a stopped scheduler over a closed store
      kick = () => void setImmediate(() => running && void scheduler.kick());
      scheduler.start();
      try {
        for (;;) {
          await scheduler.runDue();
          const r = records.request(requestId) as RequestRecord;
          const next = records.nextDueAt(requestId);
          if (done(r) || next === null || next - clock.now() > MAX_WAIT_MS) return r;
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - clock.now())));
        }
      } finally {
        running = false;
        await scheduler.stop();
        kick = () => undefined;
      }
    },
    close: (): void => store.close(),
  };
}

/** Opens the CLI runtime for `fn` and closes it after, whatever happens. */
export async function withCliRuntime<T>(config: Config, io: CliIo, fn: (rt: CliRuntime) => Promise<T>): Promise<T> {
  const rt = await openCliRuntime(config, io);
  try {
    return await fn(rt);
  } finally {
    rt.close();
  }
}

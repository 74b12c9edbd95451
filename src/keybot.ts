import { type AckFirst, ackFirst } from './ack-first.js';
import { announceStart } from './banner.js';
import { assertChecksPass } from './checks/run-checks.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { createLog, type Log } from './log.js';
import { watchDependencies } from './ops/dependencies.js';
import { createOperations, type OperationsOptions } from './ops/operations.js';
import { createScheduler, type Scheduler } from './scheduler/scheduler.js';
import { afterAckLanes, type LaneName, type LaneOptions } from './slack/after-ack.js';
import { createSlackApp, type SlackAppOptions } from './slack/app.js';
import { slackDirectory } from './slack/directory.js';
import { DOWNLOAD_TIMEOUT_MS } from './slack/download-file.js';
import { healthHandler } from './slack/health.js';
import { slackHygienePublisher } from './slack/hygiene-publisher.js';
import { slackNotifier } from './slack/notifier.js';
import { registerListeners } from './slack/register.js';
import { createStore, type Store } from './store/index.js';
import { createTykServices } from './tyk/create-services.js';
import type { TykServices } from './tyk/services.js';
import { deleteRetirementWarning } from './tyk/write-back.js';
import type { AnyWorkflowDefinition } from './workflows/definition.js';
import { WORKFLOWS } from './workflows/definitions.js';
import type { WorkflowDeps } from './workflows/deps.js';
import { stopImportWorkers } from './workflows/import-keys/execute-in-worker.js';
import { createWorkflows, type Workflows } from './workflows/index.js';
import { scheduleHygiene } from './workflows/inventory/hygiene-schedule.js';

export interface KeybotOptions {
  clock?: Clock;
  log?: Log;
  /** extra request kinds (tests register a workflow of their own) */
  workflows?: readonly AnyWorkflowDefinition[];
  /** a scheduler concurrency other than the default */
  concurrency?: number;
  /** after-ack lane settings other than the defaults (tests use short time limits) */
  lanes?: Partial<Record<LaneName, Partial<LaneOptions>>>;
  /** how long one download of a file attached to a form may take; default DOWNLOAD_TIMEOUT_MS */
  downloadTimeoutMs?: number;
  /** Socket Mode reconnection backoff other than the default (tests shorten it) */
  reconnect?: SlackAppOptions['reconnect'];
  /** where the start banner goes as aligned lines (a terminal); otherwise it is one JSON log line */
  tty?: NodeJS.WritableStream | null;
  /** /readyz timings other than the defaults */
  readiness?: OperationsOptions['readiness'];
}

/** A running bot: what main.ts stops and what the tests drive and look into. */
export interface Keybot {
  /** the port the Slack app (and the ops routes) listen on */
  port: number;
  /** the database (tests read it) */
  store: Store;
  /** the workflows the listeners call */
  workflows: Workflows;
  /** the bot's log */
  log: Log;
  /** the clock everything runs on (tests move it) */
  clock: Clock;
  /** the Tyk clients */
  tyk: TykServices;
  /** the scheduler that runs the jobs */
  scheduler: Scheduler;
  /** the order of work: Slack deliveries waiting for their listener hold back the work behind acks (0 when idle) */
  acks: AckFirst;
  /** the key inventory reports overdue keys here (`keybot_keys_overdue`) */
  setKeysOverdue(n: number): void;
  /** the HYGIENE_CRON run (scan, digest, owner DMs, auto_rotate), now */
  runHygiene(): Promise<unknown>;
  /** stops taking work, lets running jobs finish for up to `drainMs` (the rest go back to the queue), closes the database */
  stop(opts?: { drainMs?: number }): Promise<void>;
}

// long: the composition root: each statement wires one part, in start-up order
/**
 * Wiring only: config → log → start-up checks → store → tyk → slack → scheduler. Used by main.ts and by tests, so
 * tests run exactly the production assembly on a free port.
 */
export async function startKeybot(config: Config, o: KeybotOptions = {}): Promise<Keybot> {
  const log = o.log ?? createLog({ level: config.logLevel, development: config.development });
  const clock = o.clock ?? systemClock;
  const ops = createOperations({
    clock,
    readiness: o.readiness,
    queue: { jobsPending: () => store.jobs.pendingCount(), rotationsInGrace: () => store.jobs.requestsAwaiting('retire') },
  });
  // Before anything opens or listens: a wrong secret or a missing invite stops here, with nothing
  // to undo. The checks' Tyk calls count in the metrics and in readiness like any other.
  try {
    const checked = await assertChecksPass(config, log, { observe: ops.observeTyk });
    log.info({ checks: checked.map((c) => c.name) }, 'start-up checks passed');
  } catch (e) {
    ops.metrics.stop();
    throw e;
  }
  const store = createStore(config.dbPath, config.secretKey, { log, onRequestChange: ops.metrics.requestChanged, checkpointer: true });
  // one order of work for the process: Slack deliveries are acked before the work they and others started resumes
  const acks = ackFirst();
  let tyk: TykServices;
  try {
    tyk = await createTykServices(config, log, { observe: ops.observeTyk, turn: acks.turn });
  } catch (e) {
    store.close();
    ops.metrics.stop();
    throw e;
  }
  let scheduler: Scheduler | undefined;
  const slack = createSlackApp({
    config,
    log,
    routes: [
      {
        path: '/healthz',
        handler: healthHandler(() => ({ db: store.isWritable(clock.now()), scheduler: scheduler?.health().running ?? false })),
      },
      ...ops.routes,
    ],
    seen: store.seenInteractions,
    reconnect: o.reconnect,
    onWebApiAnswer: ops.slackAnswered,
    acks,
    onAck: ops.metrics.slackAcked,
  });
  watchDependencies(ops.readiness, {
    config,
    log,
    observe: ops.observeTyk,
    slack: { probe: () => slack.client.auth.test(), isUp: slack.mode === 'socket' ? () => slack.connected : undefined },
  });
  const deps: WorkflowDeps = {
    config,
    store,
    clock,
    log,
    tyk,
    notifier: slackNotifier({
      client: slack.client,
      config,
      log,
      onApprovalPosted: store.requests.setApprovalMessage,
      onProgressPosted: (id, ts) => store.requests.patchState(id, { progressTs: ts }, clock.now()),
      onPreviewPosted: (id) => store.requests.patchState(id, { previewPosted: true }, clock.now()),
    }),
    directory: slackDirectory(slack.client, config.approvers, clock),
    observeTyk: ops.observeTyk,
    // After the caller's transaction has committed, never inside it.
    kick: () => void setImmediate(() => void scheduler?.kick()),
  };
  const workflows = createWorkflows(deps, [...WORKFLOWS, ...(o.workflows ?? [])]);
  scheduler = createScheduler({
    store,
    clock,
    log,
    cron: config.schedulerCron,
    concurrency: o.concurrency,
    turn: acks.turn,
    run: workflows.runner.run,
    onGaveUp: workflows.runner.onGaveUp,
    maintenance: () => {
      workflows.reveal.eraseExpired();
      void workflows.postChainHead();
    },
  });
  const publisher = slackHygienePublisher(slack.client, config);
  const hygiene = scheduleHygiene(config.hygieneCron, () => workflows.hygiene.run(publisher), log);
  const lanes = afterAckLanes(o.lanes, (err) => log.warn({ err }, 'work that timed out failed later'), acks);
  registerListeners(slack.app, { config, log, clock, workflows, lanes, downloadTimeoutMs: o.downloadTimeoutMs ?? DOWNLOAD_TIMEOUT_MS });
  const port = await slack.start();
  scheduler.start();
  const deleteWarning = deleteRetirementWarning(config.oldKeyAction, tyk.gateway ? await tyk.gateway.version().catch(() => null) : null);
  if (deleteWarning) log.warn(deleteWarning);
  announceStart(log, config, { port, keysVia: tyk.keys.kind }, o.tty ?? null);

  const running = scheduler;
  return {
    port,
    store,
    workflows,
    log,
    clock,
    tyk,
    scheduler: running,
    acks,
    /** the key inventory reports overdue keys here (`keybot_keys_overdue`) */
    setKeysOverdue: ops.metrics.setKeysOverdue,
    /** the HYGIENE_CRON run (scan, digest, owner DMs, auto_rotate), now */
    runHygiene: () => hygiene.runNow(),
    /** Stops taking work, lets running jobs finish for up to `drainMs` (the rest go back to the queue), closes the database. */
    async stop(opts: { drainMs?: number } = {}): Promise<void> {
      await hygiene.stop();
      await slack.stop();
      // an import's worker ends before its job goes back to the queue: the next start (or a CLI run) resumes it alone
      const { returned } = await running.stop(opts.drainMs, () => stopImportWorkers(store));
      store.close();
      ops.metrics.stop();
      log.info({ returnedToQueue: returned }, 'tyk-keybot stopped');
    },
  };
}

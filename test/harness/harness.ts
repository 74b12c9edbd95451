import { ManualClock } from '../../src/clock.js';
import { type Config, loadConfig } from '../../src/config.js';
import { type Keybot, type KeybotOptions, startKeybot } from '../../src/keybot.js';
import type { AnyWorkflowDefinition } from '../../src/workflows/definition.js';
import { captureLog, type LogCapture } from './capture-log.js';
import { baseEnv } from './env.js';
import { type SlackDriver, slackDriver } from './slack-driver.js';
import { type SlackFake, type StoredMessage, startSlackFake } from './slack-fake/index.js';
import { socketTransport } from './slack-transport.js';
import { startTykEmulator, type TykEmulator, type TykEmulatorOptions } from './tyk-emulator/index.js';
import { APPROVAL_CHANNEL, APPROVER_GROUP, NOTIFY_CHANNEL, SLACK_USERS, USERS } from './users.js';

export interface HarnessOptions {
  env?: Record<string, string | undefined>;
  tyk?: TykEmulatorOptions;
  /** 'gateway' (default) or 'dashboard': which Tyk API the bot is configured with */
  target?: 'gateway' | 'dashboard';
  /** also configure the emulator's Developer Portal (TYK_PORTAL_URL, TYK_PORTAL_TOKEN) */
  portal?: boolean;
  workflows?: readonly AnyWorkflowDefinition[];
  /** where the shared ManualClock starts (ms); default now */
  clockStart?: number;
  /** after-ack lane settings (short time limits) */
  lanes?: KeybotOptions['lanes'];
  /** how long one file download of a form may take (short, for a stalled download) */
  downloadTimeoutMs?: number;
  /**
   * Socket Mode: SLACK_APP_TOKEN set (the fake's app token unless `env` names another), no signing
   * secret, the driver sends envelopes on the socket, and reconnection waits are short.
   */
  socketMode?: boolean;
}

export interface Harness {
  slack: SlackFake;
  tyk: TykEmulator;
  driver: SlackDriver;
  bot: Keybot;
  config: Config;
  clock: ManualClock;
  logs: LogCapture;
  /** Runs every due job until the queue is idle. */
  settle(): Promise<void>;
  /** Runs jobs and waits until `pick` returns a value: listeners keep working after Slack got its ack. */
  until<T>(pick: () => T | undefined | false | null, what: string): Promise<T>;
  /** The approval message of a request, once posted. */
  approvalMessage(requestId: string): Promise<StoredMessage>;
  /**
   * Stops the bot and starts it again on the same database (a clean restart). `drainMs`: how long
   * running jobs may go on before they return to the queue; `between` runs while the bot is down.
   */
  restart(o?: { drainMs?: number; between?: () => Promise<void> }): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real app on a free port, the Slack fake, the Tyk emulator and a real SQLite file. The bot
 * and the emulator share a ManualClock; cron never fires on its own, so tests run jobs with settle().
 */
export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const clock = new ManualClock(o.clockStart ?? Date.now());
  const slack = await startSlackFake({ users: SLACK_USERS });
  slack.addUserGroup(APPROVER_GROUP, [USERS.groupApprover]);
  const tyk = await startTykEmulator({ clock, ...o.tyk });
  const tykEnv =
    o.target === 'dashboard'
      ? {
          TYK_DASHBOARD_URL: tyk.url,
          TYK_DASHBOARD_API_KEY: 'test-dashboard-key',
          TYK_GATEWAY_URL: undefined,
          TYK_GATEWAY_SECRET: undefined,
          TYK_ORG_ID: undefined,
        }
      : { TYK_GATEWAY_URL: tyk.url, TYK_GATEWAY_SECRET: 'test-gateway-secret' };
  const config = loadConfig(
    baseEnv({
      SLACK_API_URL: slack.apiUrl,
      APPROVAL_CHANNEL,
      NOTIFY_CHANNEL,
      APPROVERS: `${USERS.approver1},${USERS.approver2},${APPROVER_GROUP}`,
      SCHEDULER_CRON: '0 0 1 1 *',
      TYK_RETRIES: '1',
      ...tykEnv,
      ...(o.portal ? { TYK_PORTAL_URL: tyk.url, TYK_PORTAL_TOKEN: 'test-portal-token' } : {}),
      ...(o.socketMode ? { SLACK_APP_TOKEN: slack.appToken, SLACK_SIGNING_SECRET: undefined } : {}),
      ...o.env,
    }),
  );
  const logs = captureLog();
  const reconnect = o.socketMode ? { firstDelayMs: 50, maxDelayMs: 400 } : undefined;
  const start = () =>
    startKeybot(config, {
      clock,
      log: logs.log,
      workflows: o.workflows,
      lanes: o.lanes,
      downloadTimeoutMs: o.downloadTimeoutMs,
      reconnect,
    });
  // a bot that refuses to start (its start-up checks) leaves no fake or emulator running
  let bot = await start().catch(async (e: unknown) => {
    await slack.close();
    await tyk.close();
    throw e;
  });
  const driverFor = (b: Keybot) =>
    o.socketMode
      ? slackDriver({ fake: slack, transport: socketTransport(slack) })
      : slackDriver({ appUrl: `http://127.0.0.1:${b.port}`, signingSecret: 'test-signing-secret', fake: slack });
  const h: Harness = {
    slack,
    tyk,
    clock,
    logs,
    config,
    bot,
    driver: driverFor(bot),
    async settle() {
      for (let i = 0; i < 50; i++) {
        await new Promise((r) => setImmediate(r));
        await h.bot.scheduler.runDue();
        const next = h.bot.store.jobs.nextDueAt();
        if ((next === null || next > clock.now()) && h.bot.scheduler.health().inFlight === 0) return;
      }
    },
    async until(pick, what) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        await h.settle();
        const v = pick();
        if (v !== undefined && v !== false && v !== null) return v;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    approvalMessage: (requestId) =>
      slack.waitFor(() => slack.messages({ channel: config.approvalChannel }).find((m) => !m.thread_ts && m.text.includes(requestId)), {
        what: `approval message of ${requestId}`,
      }),
    async restart(o = {}) {
      await h.bot.stop({ drainMs: o.drainMs });
      await o.between?.();
      bot = await start();
      h.bot = bot;
      h.driver = driverFor(bot);
    },
    async close() {
      await h.bot.stop().catch(() => undefined);
      await slack.close();
      await tyk.close();
    },
  };
  await slack.waitFor(() => slack.calls.some((c) => c.method === 'auth.test'), { what: 'auth.test at start-up' });
  return h;
}

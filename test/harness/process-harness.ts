import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BotProcess, startBotProcess } from './bot-process.js';
import { baseEnv, tempDir } from './env.js';
import { type SlackDriver, slackDriver } from './slack-driver.js';
import { type SlackFake, startSlackFake } from './slack-fake/index.js';
import { startTykEmulator, type TykEmulator, type TykEmulatorOptions } from './tyk-emulator/index.js';
import { APPROVAL_CHANNEL, APPROVER_GROUP, NOTIFY_CHANNEL, SLACK_USERS, USERS } from './users.js';

export interface ProcessHarness {
  slack: SlackFake;
  tyk: TykEmulator;
  bot: BotProcess;
  driver: SlackDriver;
  env: Record<string, string | undefined>;
  /** SIGKILL the bot and start it again on the same database */
  crashAndRestart(between?: () => Promise<void> | void): Promise<void>;
  /** start the bot again (`node dist/src/main.js`) after it stopped */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The bot as a separate process (real clock, cron every second) against the Slack fake and the Tyk emulator. */
export async function startProcessHarness(
  o: {
    env?: Record<string, string>;
    tyk?: TykEmulatorOptions /** the first start is `npm start` with the settings in an env file */;
    npmStart?: boolean;
  } = {},
): Promise<ProcessHarness> {
  const slack = await startSlackFake({ users: SLACK_USERS });
  slack.addUserGroup(APPROVER_GROUP, [USERS.groupApprover]);
  const tyk = await startTykEmulator(o.tyk);
  const env = baseEnv({
    SLACK_API_URL: slack.apiUrl,
    APPROVAL_CHANNEL,
    NOTIFY_CHANNEL,
    APPROVERS: `${USERS.approver1},${USERS.approver2},${APPROVER_GROUP}`,
    TYK_GATEWAY_URL: tyk.url,
    SCHEDULER_CRON: '* * * * * *',
    KEYBOT_DB: join(tempDir(), 'keybot.db'),
    LOG_LEVEL: 'info',
    ...o.env,
  });
  const driverFor = (b: BotProcess) =>
    slackDriver({ appUrl: `http://127.0.0.1:${b.port}`, signingSecret: 'test-signing-secret', fake: slack });
  let npmStart: { envFile: string } | undefined;
  if (o.npmStart) {
    npmStart = { envFile: join(tempDir(), 'keybot.env') };
    const lines = Object.entries(env).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${JSON.stringify(v)}`]));
    writeFileSync(npmStart.envFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  }
  const bot = await startBotProcess(env, { npmStart });
  const h: ProcessHarness = {
    slack,
    tyk,
    env,
    bot,
    driver: driverFor(bot),
    async crashAndRestart(between) {
      await h.bot.kill();
      await between?.();
      await h.restart();
    },
    async restart() {
      h.bot = await startBotProcess(env);
      h.driver = driverFor(h.bot);
    },
    async close() {
      await h.bot.stop().catch(() => undefined);
      await slack.close();
      await tyk.close();
    },
  };
  return h;
}

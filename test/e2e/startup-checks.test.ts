import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { type ProcessHarness, processEnv, startProcessHarness, startWorkspace } from '../harness/process-harness.js';
import type { SlackFake } from '../harness/slack-fake/index.js';
import { manifestBotScopes } from '../harness/slack-fake/scopes.js';
import type { TykEmulator } from '../harness/tyk-emulator/index.js';
import { APPROVAL_CHANNEL, NOTIFY_CHANNEL } from '../harness/users.js';

const run = promisify(execFile);
let slack: SlackFake | undefined;
let tyk: TykEmulator | undefined;
let h: ProcessHarness | undefined;
afterEach(async () => {
  await h?.close();
  await slack?.close();
  await tyk?.close();
  h = slack = tyk = undefined;
});

/** Starts `node dist/src/main.js` and expects it to refuse: exit 2, one message on stderr, no database created. */
async function refusedStart(over: Record<string, string | undefined>): Promise<string> {
  const env = processEnv(slack as SlackFake, tyk as TykEmulator, over);
  const err = await run(process.execPath, ['dist/src/main.js'], {
    env: { PATH: process.env.PATH, ...env } as NodeJS.ProcessEnv,
    timeout: 20_000,
  }).then(
    (r) => ({ code: 0, stderr: r.stderr, stdout: r.stdout }),
    (e: { code: number; stderr: string; stdout: string }) => e,
  );
  expect(err.code, err.stderr).toBe(2);
  expect(err.stdout).not.toContain('tyk-keybot started');
  expect(existsSync(env.KEYBOT_DB as string), 'nothing half-started: no database file').toBe(false);
  for (const secret of [env.TYK_GATEWAY_SECRET, env.SLACK_BOT_TOKEN, env.SLACK_SIGNING_SECRET, env.KEYBOT_SECRET_KEY]) {
    expect(err.stderr + err.stdout).not.toContain(secret as string);
  }
  return err.stderr.trim();
}

describe('start-up checks (a bot process)', () => {
  it('refuses a wrong TYK_GATEWAY_SECRET, naming the variable and the URL', async () => {
    ({ slack, tyk } = await startWorkspace());
    const stderr = await refusedStart({ TYK_GATEWAY_SECRET: 'not-the-gateway-secret' });
    expect(stderr).toBe(
      `tyk-keybot cannot start: Tyk Gateway at ${tyk.url} refused TYK_GATEWAY_SECRET (403): set it to the \`secret\` in the Gateway's tyk.conf (or TYK_GW_SECRET)`,
    );
  });

  it('refuses to start when the bot is not in APPROVAL_CHANNEL, and says how to invite it', async () => {
    ({ slack, tyk } = await startWorkspace());
    slack.removeBotFrom(APPROVAL_CHANNEL);
    const stderr = await refusedStart({});
    expect(stderr).toBe(
      `tyk-keybot cannot start: the bot is not in ${APPROVAL_CHANNEL} (APPROVAL_CHANNEL): /invite @keybot in that channel`,
    );
  });

  it('refuses a token without the manifest scopes, listing the missing ones by name', async () => {
    ({ slack, tyk } = await startWorkspace());
    slack.setBotScopes(manifestBotScopes().filter((s) => s !== 'files:write' && s !== 'users:read.email'));
    const stderr = await refusedStart({});
    expect(stderr).toContain('SLACK_BOT_TOKEN lacks users:read.email, files:write');
    expect(stderr).toContain('reinstall the app');
    expect(stderr.split('\n')).toHaveLength(1);
  });

  it('refuses an APPROVERS user group the workspace does not have', async () => {
    ({ slack, tyk } = await startWorkspace());
    const stderr = await refusedStart({ APPROVERS: 'U0APPROVER1,S0NOSUCHGRP' });
    expect(stderr).toMatch(/^tyk-keybot cannot start: user group S0NOSUCHGRP in APPROVERS does not exist in this workspace/);
  });

  it('runs the same checks in Socket Mode, and lists every failure in one message', async () => {
    ({ slack, tyk } = await startWorkspace());
    slack.removeBotFrom(NOTIFY_CHANNEL);
    const stderr = await refusedStart({ SLACK_APP_TOKEN: slack.appToken, SLACK_SIGNING_SECRET: undefined, TYK_GATEWAY_SECRET: 'wrong' });
    expect(stderr.split('\n')).toEqual([
      'tyk-keybot cannot start; these checks failed:',
      `  - the bot is not in ${NOTIFY_CHANNEL} (NOTIFY_CHANNEL): /invite @keybot in that channel`,
      expect.stringContaining(`  - Tyk Gateway at ${tyk.url} refused TYK_GATEWAY_SECRET (403)`),
    ]);
  });

  it('starts when every check passes, and says so before it says it started', async () => {
    h = await startProcessHarness();
    const passed = h.bot.lines.findIndex((l) => l.includes('start-up checks passed'));
    const started = h.bot.lines.findIndex((l) => l.includes('"msg":"tyk-keybot started"'));
    expect(passed).toBeGreaterThanOrEqual(0);
    expect(passed).toBeLessThan(started);
    expect(h.slack.calls.filter((c) => c.method === 'conversations.info').map((c) => c.args.channel)).toEqual([
      APPROVAL_CHANNEL,
      NOTIFY_CHANNEL,
    ]);
  });
});

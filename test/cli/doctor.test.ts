import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { cliTerminal } from '../harness/cli-env.js';
import { processEnv, startWorkspace } from '../harness/process-harness.js';
import { leaksIn } from '../harness/secret-scan.js';
import type { SlackFake } from '../harness/slack-fake/index.js';
import type { TykEmulator } from '../harness/tyk-emulator/index.js';
import { APPROVAL_CHANNEL } from '../harness/users.js';

let slack: SlackFake;
let tyk: TykEmulator;
beforeEach(async () => {
  ({ slack, tyk } = await startWorkspace());
});
afterEach(async () => {
  await slack.close();
  await tyk.close();
});

const secretsOf = (env: Record<string, string | undefined>) =>
  ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'TYK_GATEWAY_SECRET', 'KEYBOT_SECRET_KEY'].map((k) => env[k] as string);

async function doctor(args: string[], over: Record<string, string | undefined> = {}) {
  const env = processEnv(slack, tyk, over);
  const t = cliTerminal();
  const code = await runCli(['doctor', ...args], t.io, env as NodeJS.ProcessEnv);
  const out = t.out.join('\n');
  const err = t.err.join('\n');
  const leaks = [
    ...leaksIn('stdout', out, secretsOf(env)),
    ...leaksIn('stderr', err, secretsOf(env)),
    ...slack.calls.flatMap((c) => leaksIn(`Slack call ${c.method}`, JSON.stringify(c.args), secretsOf(env))),
  ];
  return { code, out, err, leaks };
}

describe('tyk-keybot doctor', () => {
  it('prints one ok line per check and exits 0 when Slack and Tyk are set up right', async () => {
    const r = await doctor([]);
    expect(r.code, r.out + r.err).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.slice(0, -1).every((l) => l.startsWith('ok   '))).toBe(true);
    for (const what of ['Slack', 'Slack scopes', 'APPROVAL_CHANNEL', 'NOTIFY_CHANNEL', 'APPROVERS', 'Tyk Gateway', 'TYK_ORG_ID']) {
      expect(lines.some((l) => l.startsWith(`ok   ${what}: `))).toBe(true);
    }
    expect(lines.at(-1)).toMatch(/^all \d+ checks passed$/);
    expect(r.leaks).toEqual([]);
  });

  it('names each failed check with the fix, keeps the passing ones, exits 1 and prints no secret', async () => {
    slack.removeBotFrom(APPROVAL_CHANNEL);
    const r = await doctor([], { TYK_GATEWAY_SECRET: 'a-wrong-gateway-secret' });
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines).toContain(
      `FAIL APPROVAL_CHANNEL: the bot is not in ${APPROVAL_CHANNEL} (APPROVAL_CHANNEL): /invite @keybot in that channel`,
    );
    expect(lines.find((l) => l.startsWith('FAIL Tyk Gateway: '))).toContain(`Tyk Gateway at ${tyk.url} refused TYK_GATEWAY_SECRET (403)`);
    expect(lines.some((l) => l.startsWith('ok   Slack: '))).toBe(true);
    expect(lines.at(-1)).toMatch(/^2 of \d+ checks failed$/);
    expect(r.leaks).toEqual([]);
  });

  it('--json gives every check with its verdict', async () => {
    slack.setBotScopes(slack.botScopes.filter((s) => s !== 'files:read'));
    const r = await doctor(['--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.name === 'Slack scopes')).toEqual({
      name: 'Slack scopes',
      ok: false,
      detail: expect.stringContaining('SLACK_BOT_TOKEN lacks files:read'),
    });
    expect(report.checks.filter((c) => !c.ok)).toHaveLength(1);
    expect(r.leaks).toEqual([]);
  });

  it('exits 2 with the configuration error text when the settings themselves are wrong, calling nobody', async () => {
    const r = await doctor([], { SLACK_BOT_TOKEN: undefined, REQUEST_TTL: 'forever' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^tyk-keybot cannot start; fix these settings:/);
    expect(r.err).toContain('SLACK_BOT_TOKEN is required');
    expect(r.err).toContain('REQUEST_TTL');
    expect(r.out).toBe('');
    expect(slack.calls).toEqual([]);
    expect(r.leaks).toEqual([]);
  });

  it('doctor --help says what it checks and exits 0', async () => {
    const r = await doctor(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: tyk-keybot doctor \[flags\]/);
    expect(r.out).toContain('--json');
    expect(r.out).toContain('Exit 0 when every\ncheck passed, 1 when one failed, 2 when the settings themselves are wrong.');
    expect(slack.calls).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { baseEnv } from '../harness/env.js';

const problemsOf = (env: Record<string, string | undefined>): string[] => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig(baseEnv());
    expect(c.grace).toEqual({ defaultMs: 7 * 86_400_000, minMs: 3_600_000, maxMs: 90 * 86_400_000 });
    expect(c.remindersMs).toEqual([86_400_000, 3_600_000]);
    expect(c.requestTtlMs).toBe(86_400_000);
    expect(c.revealTtlMs).toBe(86_400_000);
    expect(c.requiredApprovals).toBe(1);
    expect(c.allowSelfApproval).toBe(false);
    expect(c.oldKeyAction).toBe('expire');
    expect(c.schedulerCron).toBe('* * * * *');
    expect(c.importConcurrency).toBe(8);
    expect(c.importMaxKeys).toBe(1_000_000);
    expect(c.notifyChannel).toBe('C0APPROVALS');
    expect(c.approvers).toEqual(['U0APPROVER1', 'U0APPROVER2', 'S0APPROVERS']);
    expect(c.logLevel).toBe('debug');
  });

  it('reads BREAK_GLASS and BREAK_GLASS_REVIEW (off, 24h by default) and refuses a bad value by name', () => {
    expect(loadConfig(baseEnv()).breakGlass).toEqual({ enabled: false, reviewMs: 86_400_000 });
    expect(loadConfig(baseEnv({ BREAK_GLASS: 'true', BREAK_GLASS_REVIEW: '4h' })).breakGlass).toEqual({
      enabled: true,
      reviewMs: 14_400_000,
    });
    expect(problemsOf(baseEnv({ BREAK_GLASS: 'sometimes' })).join()).toMatch(/BREAK_GLASS must be true or false/);
    expect(problemsOf(baseEnv({ BREAK_GLASS_REVIEW: '0s' })).join()).toMatch(/BREAK_GLASS_REVIEW must be longer than 0s/);
  });

  it('parses durations written 90s, 15m, 24h and 7d', () => {
    const c = loadConfig(baseEnv({ REQUEST_TTL: '90s', MIN_GRACE: '15m', DEFAULT_GRACE: '24h', MAX_GRACE: '7d', REMINDERS: '2h, 30m,0s' }));
    expect(c.requestTtlMs).toBe(90_000);
    expect(c.grace).toEqual({ minMs: 900_000, defaultMs: 86_400_000, maxMs: 604_800_000 });
    expect(c.remindersMs).toEqual([7_200_000, 1_800_000, 0]);
  });

  it('refuses an in-memory KEYBOT_DB: an import staged by its worker thread would land in another, empty database', () => {
    const problems = problemsOf(baseEnv({ KEYBOT_DB: ':memory:' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^KEYBOT_DB .*a file/);
    expect(problems[0]).toContain('./data/keybot.db');
    expect(problemsOf(baseEnv({ KEYBOT_DB: '/var/lib/keybot/memory.db' }))).toEqual([]);
  });

  it('names both a missing SLACK_BOT_TOKEN and a malformed DEFAULT_GRACE in one error', () => {
    const problems = problemsOf(baseEnv({ SLACK_BOT_TOKEN: undefined, DEFAULT_GRACE: 'a week' }));
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN is required/);
    expect(problems.join('\n')).toMatch(/DEFAULT_GRACE "a week" is not a duration/);
  });

  it('lists every problem at once and never repeats a secret value', () => {
    const leaked = 'not-a-valid-secret-key-value';
    const problems = problemsOf(
      baseEnv({
        KEYBOT_SECRET_KEY: leaked,
        SLACK_BOT_TOKEN: 'sk-wrong-kind-of-token',
        APPROVERS: 'alice',
        APPROVAL_CHANNEL: 'general',
        PORT: 'eighty',
        OLD_KEY_ACTION: 'burn',
      }),
    );
    const text = new ConfigError(problems).message;
    for (const name of ['KEYBOT_SECRET_KEY', 'SLACK_BOT_TOKEN', 'APPROVERS', 'APPROVAL_CHANNEL', 'PORT', 'OLD_KEY_ACTION'])
      expect(text).toContain(name);
    expect(text).not.toContain(leaked);
    expect(text).not.toContain('sk-wrong-kind-of-token');
  });

  it('requires a Tyk Dashboard or Gateway, and TYK_ORG_ID without a Dashboard', () => {
    const problems = problemsOf(baseEnv({ TYK_GATEWAY_URL: undefined, TYK_GATEWAY_SECRET: undefined, TYK_ORG_ID: undefined }));
    expect(problems.join('\n')).toMatch(/TYK_DASHBOARD_URL or TYK_GATEWAY_URL is required/);
    expect(problems.join('\n')).toMatch(/TYK_ORG_ID is required without a Dashboard/);
  });

  it('needs the signing secret in HTTP mode but not in Socket Mode', () => {
    expect(problemsOf(baseEnv({ SLACK_SIGNING_SECRET: undefined })).join()).toMatch(/SLACK_SIGNING_SECRET is required/);
    expect(problemsOf(baseEnv({ SLACK_SIGNING_SECRET: undefined, SLACK_APP_TOKEN: 'xapp-1-token' }))).toEqual([]);
  });

  it('rejects grace bounds that contradict each other', () => {
    expect(problemsOf(baseEnv({ MIN_GRACE: '2d', DEFAULT_GRACE: '1d' })).join()).toMatch(
      /DEFAULT_GRACE must lie between MIN_GRACE and MAX_GRACE/,
    );
  });

  it('accepts the secret key as 64 hex digits or base64 of 32 bytes only', () => {
    expect(loadConfig(baseEnv({ KEYBOT_SECRET_KEY: 'ab'.repeat(32) })).secretKey).toHaveLength(32);
    expect(problemsOf(baseEnv({ KEYBOT_SECRET_KEY: Buffer.alloc(16).toString('base64') })).join()).toMatch(
      /KEYBOT_SECRET_KEY must be 32 random bytes/,
    );
  });

  it('rejects a cron expression node-cron cannot run', () => {
    expect(problemsOf(baseEnv({ SCHEDULER_CRON: 'every minute' })).join()).toMatch(/SCHEDULER_CRON must be a cron expression/);
  });

  it('lets the CLI start without any Slack variable', () => {
    const c = loadConfig(
      baseEnv({ SLACK_BOT_TOKEN: undefined, SLACK_SIGNING_SECRET: undefined, APPROVAL_CHANNEL: undefined, APPROVERS: undefined }),
      { needSlack: false },
    );
    expect(c.tyk.gateway?.url).toBe('http://127.0.0.1:9');
  });

  it('reports field and cross-field problems in the same round', () => {
    const problems = problemsOf(
      baseEnv({
        SLACK_BOT_TOKEN: undefined,
        DEFAULT_GRACE: 'soon',
        TYK_GATEWAY_URL: undefined,
        TYK_GATEWAY_SECRET: undefined,
        MIN_GRACE: '100d',
      }),
    );
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN is required/);
    expect(problems.join('\n')).toMatch(/DEFAULT_GRACE "soon" is not a duration/);
    expect(problems.join('\n')).toMatch(/TYK_DASHBOARD_URL or TYK_GATEWAY_URL is required/);
    expect(problems.join('\n')).toMatch(/MIN_GRACE must not be longer than MAX_GRACE/);
  });

  it('refuses the .env.example placeholders, naming each variable', () => {
    const example = parseEnv(readFileSync('.env.example', 'utf8'));
    const problems = problemsOf({
      ...example,
      KEYBOT_SECRET_KEY: 'ab'.repeat(32),
      TYK_GATEWAY_URL: 'http://tyk:8080',
      TYK_GATEWAY_SECRET: 's3cret',
      TYK_ORG_ID: 'org1',
    });
    const text = problems.join('\n');
    for (const name of ['SLACK_BOT_TOKEN', 'APPROVAL_CHANNEL', 'APPROVERS'])
      expect(text).toMatch(new RegExp(`${name} .*\\.env\\.example placeholder`));
    expect(text).toMatch(/SLACK_SIGNING_SECRET is required unless SLACK_APP_TOKEN/);
  });
});

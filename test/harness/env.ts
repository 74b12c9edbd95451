import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary folder for a test's SQLite file and other files. */
export const tempDir = (prefix = 'keybot-'): string => mkdtempSync(join(tmpdir(), prefix));

/** The smallest environment the bot starts with; tests add or override variables. */
export function baseEnv(over: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
    SLACK_SIGNING_SECRET: 'test-signing-secret',
    KEYBOT_SECRET_KEY: randomBytes(32).toString('base64'),
    // only when the caller names no file: a folder made and then unused would be left behind
    KEYBOT_DB: 'KEYBOT_DB' in over ? over.KEYBOT_DB : join(tempDir(), 'keybot.db'),
    APPROVAL_CHANNEL: 'C0APPROVALS',
    APPROVERS: 'U0APPROVER1,U0APPROVER2,S0APPROVERS',
    TYK_GATEWAY_URL: 'http://127.0.0.1:9',
    TYK_GATEWAY_SECRET: 'test-gateway-secret',
    TYK_ORG_ID: '5e9d9544a1dcd60001d0ed20',
    PORT: '0',
    LOG_LEVEL: 'debug',
    ...over,
  };
}

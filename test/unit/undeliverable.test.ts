import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { isKeybotError, type KeybotError } from '../../src/errors.js';
import { asUndeliverable, tokenDead } from '../../src/slack/undeliverable.js';
import { baseEnv } from '../harness/env.js';

const config = loadConfig(baseEnv({ APPROVAL_CHANNEL: 'C0APPROVALS', NOTIFY_CHANNEL: 'C0NOTIFYCHN' }));
/** The shape @slack/web-api throws for a platform error (ok: false). */
const platformError = (error: string, extra: Record<string, string> = {}) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: 'slack_webapi_platform_error',
    data: { ok: false, error, ...extra },
  });

describe('Slack errors that cannot heal', () => {
  it('leaves rate limits, server errors and network failures to the job retries', () => {
    for (const e of [platformError('ratelimited'), platformError('internal_error'), new Error('ECONNRESET')]) {
      expect(asUndeliverable(e, { channel: 'C0APPROVALS' }, config)).toBe(e);
    }
  });

  it('makes a missing scope final, naming the channel, its setting and the scope', () => {
    const e = asUndeliverable(platformError('missing_scope', { needed: 'chat:write' }), { channel: 'C0NOTIFYCHN' }, config) as KeybotError;
    expect(isKeybotError(e) && e.retryable).toBe(false);
    expect(e.userMessage).toBe(
      'posting to C0NOTIFYCHN (NOTIFY_CHANNEL) needs the chat:write scope: add it under OAuth & Permissions and reinstall the app',
    );
    expect(tokenDead(e)).toBe(false);
  });

  it('knows a revoked or inactive token cannot tell anyone in Slack', () => {
    for (const code of ['token_revoked', 'account_inactive', 'invalid_auth']) {
      const e = asUndeliverable(platformError(code), { user: 'U0REQUESTER' }, config) as KeybotError;
      expect(e.retryable).toBe(false);
      expect(e.userMessage).toContain(`Slack refused SLACK_BOT_TOKEN (${code}) posting to the DM with <@U0REQUESTER>`);
      expect(tokenDead(e)).toBe(true);
    }
  });
});

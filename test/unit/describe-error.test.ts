import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { describeError } from '../../src/describe-error.js';
import { KeybotError } from '../../src/errors.js';
import { TykError } from '../../src/tyk/errors.js';

function captured() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { log, lines };
}

describe('describeError: one sentence per failure, whatever the surface', () => {
  it.each([
    {
      what: "the bot's own refusal keeps its words",
      error: new KeybotError('NOT_FOUND', 'No key matches that value.'),
      message: 'No key matches that value.',
      code: 'NOT_FOUND',
      forOperators: false,
    },
    {
      what: "Tyk's refusal names the product, the call and the status",
      error: new TykError({ kind: 'unauthorized', method: 'GET', path: '/tyk/keys/{id}', status: 401, service: 'Tyk Gateway' }),
      message: "Tyk Gateway rejected the bot's credentials (GET /tyk/keys/{id}, HTTP 401).",
      code: 'TYK',
      forOperators: true,
    },
    {
      what: 'a settings problem names the setting',
      error: new ConfigError(['TYK_GATEWAY_URL: required']),
      message: 'tyk-keybot cannot start; fix these settings:\n  - TYK_GATEWAY_URL: required',
      code: 'NOT_CONFIGURED',
      forOperators: true,
    },
  ])('$what, and logs nothing', ({ error, message, code, forOperators }) => {
    const { log, lines } = captured();
    expect(describeError(error, log)).toEqual({ code, message, retryable: false, forOperators });
    expect(lines).toEqual([]);
  });

  it('an unexpected error becomes an incident ID; its text stays in the log only', () => {
    const { log, lines } = captured();
    const d = describeError(new Error('socket hang up near sk_live_0123456789'), log);
    expect(d.incident).toMatch(/^inc_/);
    expect(d.message).toBe(`Something went wrong on our side (incident ${d.incident}); the details are in the log under that ID.`);
    expect(d.message).not.toContain('sk_live');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ incident: d.incident, msg: 'unexpected failure' });
  });
});

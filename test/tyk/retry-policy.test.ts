import { describe, expect, it } from 'vitest';
import { KeybotError } from '../../src/errors.js';
import { kindForStatus, TykError } from '../../src/tyk/errors.js';
import { backoffMs, mayRetry, parseRetryAfter } from '../../src/tyk/retry-policy.js';

describe('Retry-After', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date relative to the clock, and a past date as no wait', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe('backoff', () => {
  it('waits a random time up to base·2^attempt, never beyond the cap (full jitter)', () => {
    expect(backoffMs(0, () => 0.999, 200, 5_000)).toBe(199);
    expect(backoffMs(3, () => 0.5, 200, 5_000)).toBe(800);
    expect(backoffMs(10, () => 0.999, 200, 5_000)).toBe(4_995);
    expect(backoffMs(4, () => 0, 200, 5_000)).toBe(0);
  });
});

describe('which failures are re-sent', () => {
  it('re-sends idempotent calls after 5xx, timeouts, network errors and 429, never after other 4xx', () => {
    for (const kind of ['server', 'timeout', 'network', 'rate_limited'] as const) expect(mayRetry(kind, 'idempotent', false)).toBe(true);
    for (const kind of ['bad_request', 'unauthorized', 'forbidden', 'not_found', 'conflict'] as const)
      expect(mayRetry(kind, 'idempotent', false)).toBe(false);
  });

  it('re-sends unsafe calls only after 429 or a connection that was never opened', () => {
    expect(mayRetry('rate_limited', 'unsafe', false)).toBe(true);
    expect(mayRetry('network', 'unsafe', true)).toBe(true);
    expect(mayRetry('network', 'unsafe', false)).toBe(false);
    expect(mayRetry('timeout', 'unsafe', false)).toBe(false);
    expect(mayRetry('server', 'unsafe', false)).toBe(false);
  });
});

describe('TykError', () => {
  it('maps statuses to kinds', () => {
    expect([400, 401, 403, 404, 405, 408, 409, 422, 429, 500, 504].map(kindForStatus)).toEqual([
      'bad_request',
      'unauthorized',
      'forbidden',
      'not_found',
      'bad_request',
      'timeout',
      'conflict',
      'bad_request',
      'rate_limited',
      'server',
      'server',
    ]);
  });

  it('becomes a KeybotError a Slack user can read, with Tyk message and path template', () => {
    const e = new TykError({
      kind: 'not_found',
      status: 404,
      method: 'PUT',
      path: '/tyk/keys/{id}',
      tykMessage: 'Key is not found',
      service: 'Tyk Gateway',
    });
    const k = e.toKeybotError();
    expect(k).toBeInstanceOf(KeybotError);
    expect(k.code).toBe('TYK');
    expect(k.userMessage).toBe('Tyk Gateway could not find it (PUT /tyk/keys/{id}, HTTP 404): "Key is not found".');
    expect(k.retryable).toBe(false);
    expect(k.details).toEqual({ kind: 'not_found', method: 'PUT', path: '/tyk/keys/{id}', status: 404 });
  });

  it('marks transient kinds retryable', () => {
    const e = new TykError({ kind: 'timeout', method: 'GET', path: '/api/users/{id}', service: 'Tyk Dashboard' });
    expect(e.retryable).toBe(true);
    expect(e.toKeybotError().userMessage).toBe('Tyk Dashboard did not answer in time (GET /api/users/{id}).');
  });
});

import { LogLevel, webApi } from '@slack/bolt';
import type { SlackFake } from './types.js';

/**
 * A logger that drops everything: WebClient logs every `[ERROR]` line of response_metadata,
 * which the Block Kit tests provoke on purpose.
 */
export const silentLogger: webApi.Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/** A WebClient aimed at the fake with the bot token; no retries unless a test asks for them. */
export function webClientFor(fake: SlackFake, opts: { token?: string; retryConfig?: webApi.RetryOptions } = {}): webApi.WebClient {
  return new webApi.WebClient(opts.token ?? fake.botToken, {
    slackApiUrl: fake.apiUrl,
    retryConfig: opts.retryConfig ?? { retries: 0 },
    logger: silentLogger,
  });
}

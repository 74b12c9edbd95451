import { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import type { Log } from '../log.js';
import { SLACK_API_DEFAULT } from '../slack/app.js';
import { boltLogger } from '../slack/bolt-logger.js';
import type { TykClientOptions } from '../tyk/create-services.js';
import { createTykClients } from '../tyk/create-services.js';
import type { CheckResult } from './check.js';
import { slackChecks } from './slack-checks.js';
import { tykChecks } from './tyk-checks.js';

/**
 * Every start-up check (docs/design.md "Operations"): Slack and each configured Tyk API, asked
 * once each (no retries: an operator is waiting). Used by the bot's start and by `tyk-keybot doctor`.
 */
export async function runChecks(config: Config, log: Log, o: Pick<TykClientOptions, 'observe'> = {}): Promise<CheckResult[]> {
  const apiUrl = config.slack.apiUrl ?? SLACK_API_DEFAULT;
  const slack = new WebClient(config.slack.botToken.reveal(), {
    ...(config.slack.apiUrl ? { slackApiUrl: `${config.slack.apiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    timeout: 10_000,
    logger: boltLogger(log),
  });
  const tyk = createTykClients(config, log, { retries: 0, observe: o.observe });
  const [slackResults, tykResults] = await Promise.all([slackChecks(slack, config, apiUrl), tykChecks(config, tyk)]);
  return [...slackResults, ...tykResults];
}

/** Start-up refused by failed checks; `message` is the one text an operator reads, every failure on its own line. */
export class StartupCheckError extends Error {
  constructor(readonly failures: readonly CheckResult[]) {
    super(
      failures.length === 1
        ? `tyk-keybot cannot start: ${failures[0]?.detail}`
        : `tyk-keybot cannot start; these checks failed:\n${failures.map((f) => `  - ${f.detail}`).join('\n')}`,
    );
    this.name = 'StartupCheckError';
  }
}

/** Runs the checks and throws StartupCheckError when any fails. */
export async function assertChecksPass(config: Config, log: Log, o: Pick<TykClientOptions, 'observe'> = {}): Promise<CheckResult[]> {
  const results = await runChecks(config, log, o);
  const failures = results.filter((r) => !r.ok);
  if (failures.length > 0) throw new StartupCheckError(failures);
  return results;
}

import type { Config } from '../config.js';
import type { Log } from '../log.js';
import { createTykClients, type TykClientOptions } from '../tyk/create-services.js';
import type { Readiness } from './readiness.js';

export interface SlackDependency {
  /** a cheap Web API call (auth.test) */
  probe(): Promise<unknown>;
  /** Socket Mode: the socket is connected (undefined in HTTP mode, where only Web API replies count) */
  isUp?: () => boolean;
}

/**
 * Watches Slack and each configured Tyk API for /readyz. Tyk probes go through clients of their
 * own that ask once (no retries): the cheapest call each API has, `GET /hello` on the Gateway, one
 * authenticated read on the Dashboard and the Portal. Their answers reach readiness (and the
 * metrics) through the same `observe` hook as the bot's own calls.
 */
export function watchDependencies(
  readiness: Readiness,
  o: { config: Config; log: Log; slack: SlackDependency; observe: TykClientOptions['observe'] },
): void {
  readiness.watch({ name: 'slack', probe: o.slack.probe, isUp: o.slack.isUp });
  const { gateway, dashboard, portal } = createTykClients(o.config, o.log, { retries: 0, observe: o.observe });
  if (gateway) readiness.watch({ name: 'gateway', probe: () => gateway.version() });
  if (dashboard) readiness.watch({ name: 'dashboard', probe: () => dashboard.ping() });
  if (portal) readiness.watch({ name: 'portal', probe: () => portal.ping() });
}

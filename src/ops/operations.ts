import type { Clock } from '../clock.js';
import type { OpsRoute } from '../slack/app.js';
import { createMetrics, type Metrics, type QueueState } from './metrics.js';
import { createReadiness, type Readiness, type ReadinessOptions } from './readiness.js';
import { tykServiceName } from './tyk-service.js';

export interface OperationsOptions {
  clock: Clock;
  queue: QueueState;
  /** readiness timings other than the defaults */
  readiness?: Omit<ReadinessOptions, 'clock'>;
}

/**
 * The operator's view of a running bot: /metrics and /readyz, and the hooks that feed them
 * (every Tyk attempt, every Slack Web API reply, every request state change).
 */
export interface Operations {
  /** the Prometheus metrics */
  metrics: Metrics;
  /** what `/readyz` reports */
  readiness: Readiness;
  /** the Tyk clients' `observe` hook: an HTTP status is an answer; 'network' and 'timeout' are not */
  observeTyk(a: { service: string; code: string; seconds: number }): void;
  /** Slack answered a call */
  slackAnswered(): void;
  /** `/metrics` and `/readyz`, for the Slack app's HTTP server */
  routes: OpsRoute[];
}

export function createOperations(o: OperationsOptions): Operations {
  const metrics = createMetrics(o.queue);
  const readiness = createReadiness({ ...o.readiness, clock: o.clock });
  return {
    metrics,
    readiness,
    /** the Tyk clients' `observe` hook: an HTTP status is an answer; 'network' and 'timeout' are not */
    observeTyk(a: { service: string; code: string; seconds: number }): void {
      metrics.tykAnswered(a);
      const name = tykServiceName(a.service);
      if (name && /^\d{3}$/.test(a.code)) readiness.answered(name);
    },
    slackAnswered: (): void => readiness.answered('slack'),
    routes: [
      { path: '/readyz', handler: readiness.handler },
      { path: '/metrics', handler: metrics.handler },
    ] satisfies OpsRoute[],
  };
}

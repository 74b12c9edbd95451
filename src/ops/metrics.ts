import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestChange } from '../store/requests.js';
import { loopLateness } from './loop-lateness.js';
import { tykServiceName } from './tyk-service.js';

/** What the gauges read at scrape time (the jobs table). */
export interface QueueState {
  jobsPending(): number;
  rotationsInGrace(): number;
}

const HOUR = 3600;
/** Approvals take minutes to days: from 10 s to 7 d. */
const APPROVAL_BUCKETS = [10, 30, 60, 300, 900, 1800, HOUR, 4 * HOUR, 12 * HOUR, 24 * HOUR, 3 * 24 * HOUR, 7 * 24 * HOUR];

/** Slack gives an ack 3 s: from 5 ms to past that limit. */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5];

/** The Prometheus metrics of the bot. */
export interface Metrics {
  /** the registry every metric is in */
  registry: Registry;
  /** store hook: one call per request state change */
  requestChanged(c: RequestChange): void;
  /** Tyk client hook: one call per attempt */
  tykAnswered(o: { service: string; code: string; seconds: number }): void;
  /** the key inventory sets this after each scan */
  setKeysOverdue(n: number): void;
  /** the Slack app's hook: one call per delivery acknowledged (HTTP or Socket Mode), with the seconds since it arrived */
  slackAcked(seconds: number): void;
  /** `GET /metrics` in Prometheus text format */
  handler(_req: IncomingMessage, res: ServerResponse): void;
  /** stops the event-loop monitor */
  stop(): void;
}

// long: the metric declarations, one per line, and their collect callbacks
/**
 * The bot's Prometheus metrics (docs/design.md "Operations"), on a registry of its own so several
 * bots in one process do not share counters. Labels carry only fixed vocabularies (request kind
 * and status, Tyk API and HTTP status or failure kind), never a key, a token, a user or a file name.
 */
export function createMetrics(queue: QueueState): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'keybot_requests_total',
    help: 'Request state changes, by request kind and the status entered',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
  });
  const approval = new Histogram({
    name: 'keybot_approval_seconds',
    help: 'Time from a request being drafted to its approval',
    buckets: APPROVAL_BUCKETS,
    registers: [registry],
  });
  const tykRequests = new Counter({
    name: 'keybot_tyk_requests_total',
    help: 'Tyk API calls (each attempt), by API and HTTP status, or network/timeout when no answer came',
    labelNames: ['service', 'code'] as const,
    registers: [registry],
  });
  const tykSeconds = new Histogram({
    name: 'keybot_tyk_request_seconds',
    help: 'Duration of Tyk API calls (each attempt), by API',
    labelNames: ['service'] as const,
    registers: [registry],
  });
  const acked = new Histogram({
    name: 'keybot_slack_ack_seconds',
    help: 'Time from a Slack delivery reaching the bot to its ack being sent (the 2xx answer over HTTP, the ack frame in Socket Mode)',
    buckets: ACK_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'keybot_jobs_pending',
    help: 'Jobs waiting in the queue, due or not',
    registers: [registry],
    collect() {
      this.set(queue.jobsPending());
    },
  });
  new Gauge({
    name: 'keybot_rotations_in_grace',
    help: 'Key rotations whose old key still works, waiting for its retirement',
    registers: [registry],
    collect() {
      this.set(queue.rotationsInGrace());
    },
  });
  const keysOverdue = new Gauge({ name: 'keybot_keys_overdue', help: 'Keys older than their rotation rule allows', registers: [registry] });
  keysOverdue.set(0);
  const loopDelay = eventLoopDelay(registry);

  return {
    registry,
    /** store hook: one call per request state change */
    requestChanged(c: RequestChange): void {
      requests.inc({ kind: c.kind, status: c.status });
      if (c.status === 'approved') approval.observe(Math.max(0, c.at - c.createdAt) / 1000);
    },
    /** Tyk client hook: one call per attempt */
    tykAnswered(o: { service: string; code: string; seconds: number }): void {
      const service = tykServiceName(o.service) ?? 'other';
      tykRequests.inc({ service, code: o.code });
      tykSeconds.observe({ service }, o.seconds);
    },
    /** the key inventory sets this after each scan */
    setKeysOverdue: (n: number): void => void keysOverdue.set(n),
    slackAcked: (seconds: number): void => void acked.observe(seconds),
    /** `GET /metrics` in Prometheus text format */
    handler(_req: IncomingMessage, res: ServerResponse): void {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (e: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${(e as Error).message}\n`),
      );
    },
    stop(): void {
      loopDelay.disable();
    },
  };
}

/**
 * `keybot_event_loop_delay_seconds{quantile}`: how late the event loop ran timers since the previous
 * scrape (0.5, 0.99 and 1 = the maximum; loop-lateness.ts). Slack gives an ack 3 s; this is where a
 * blocked loop shows first.
 */
function eventLoopDelay(registry: Registry) {
  const lateness = loopLateness();
  new Gauge({
    name: 'keybot_event_loop_delay_seconds',
    help: 'Event-loop delay since the previous scrape: median, p99 and maximum (quantile 1)',
    labelNames: ['quantile'] as const,
    registers: [registry],
    collect() {
      this.set({ quantile: '0.5' }, lateness.percentile(50) / 1000);
      this.set({ quantile: '0.99' }, lateness.percentile(99) / 1000);
      this.set({ quantile: '1' }, lateness.max() / 1000);
      lateness.reset();
    },
  });
  return lateness;
}

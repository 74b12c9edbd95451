import type { z } from 'zod';
import type { Log } from '../log.js';
import type { Job } from '../store/jobs.js';
import type { RequestKind, RequestRecord } from '../store/requests.js';
import type { WorkflowDeps } from './deps.js';
import type { RequestEngine } from './requests.js';

export interface StepContext {
  deps: WorkflowDeps;
  engine: RequestEngine;
  job: Job;
  request: RequestRecord;
  /** Child logger tagged with requestId, jobId and step. */
  log: Log;
}

export type StepHandler = (ctx: StepContext) => Promise<void>;

/**
 * A step that takes data (`withPayload`): the runner checks the job's saved payload against
 * `payload` once, before `run`. A payload that does not fit fails the job at once, never retried.
 */
export interface PayloadStep {
  payload: z.ZodType;
  run(ctx: StepContext, payload: unknown): Promise<void>;
}

/** A step whose job carries data, `run` getting it parsed and typed by `schema`. */
export function withPayload<T>(schema: z.ZodType<T>, run: (ctx: StepContext, payload: T) => Promise<void>): PayloadStep {
  return { payload: schema, run: (ctx, payload) => run(ctx, payload as T) };
}

/**
 * A request kind: the steps its jobs run, by a job's `step` (the handler's name; its `key`, such
 * as `remind:r3:3600000`, only keeps it unique). Every step is idempotent: it checks Tyk and the
 * store for its own effect before acting, so a resumed job never repeats work.
 */
export interface WorkflowDefinition {
  kind: RequestKind;
  steps: Record<string, StepHandler | PayloadStep>;
  /** After a step failed for good; the default marks the request failed and tells people. */
  onGaveUp?(ctx: StepContext, error: unknown): Promise<void>;
}

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
 * A request kind: the steps its jobs run. Step names are the part of a job's `step` before the
 * first `:` (`remind:3600000` runs `remind`). Every step is idempotent: it checks Tyk and the
 * store for its own effect before acting, so a resumed job never repeats work.
 */
export interface WorkflowDefinition {
  kind: RequestKind;
  steps: Record<string, StepHandler>;
  /** After a step failed for good; the default marks the request failed and tells people. */
  onGaveUp?(ctx: StepContext, error: unknown): Promise<void>;
}

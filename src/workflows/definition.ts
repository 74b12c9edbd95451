import type { z } from 'zod';
import { KeybotError } from '../errors.js';
import type { Log } from '../log.js';
import type { Job } from '../store/jobs.js';
import type { RequestKind, RequestRecord } from '../store/requests.js';
import type { WorkflowDeps } from './deps.js';
import type { RequestEngine } from './requests.js';

/**
 * What a step gets. `params` and `state` are the request's saved JSON, checked against its kind's
 * schemas once, before the step ran (run-job.ts); `request` is the row as read (its own
 * `params`/`state` unchecked: read them through `params`, `state`, `currentState()`).
 */
export interface StepContext<P = unknown, S = unknown> {
  deps: WorkflowDeps;
  engine: RequestEngine;
  job: Job;
  request: RequestRecord;
  /** the request's params, parsed with its kind's schema */
  params: P;
  /** the request's state when the step began, parsed with its kind's schema */
  state: S;
  /** the state as saved now (a click or another job may have changed it since the step began); undefined when the request is gone */
  currentState(): S | undefined;
  /** Child logger tagged with requestId, jobId and step. */
  log: Log;
}

export type StepHandler<P = unknown, S = unknown> = (ctx: StepContext<P, S>) => Promise<void>;

/**
/**
 * A step that takes data (`withPayload`): the runner checks the job's saved payload against
 * `payload` once, before `run`. A payload that does not fit fails the job at once, never retried.
 */
export interface PayloadStep<P = unknown, S = unknown> {
  payload: z.ZodType;
  run(ctx: StepContext<P, S>, payload: unknown): Promise<void>;
}

/** A step whose job carries data, `run` getting it parsed and typed by `schema`. */
export function withPayload<T, P = unknown, S = unknown>(
  schema: z.ZodType<T>,
  run: (ctx: StepContext<P, S>, payload: T) => Promise<void>,
): PayloadStep<P, S> {
  return { payload: schema, run: (ctx, payload) => run(ctx, payload as T) };
}

/**
 * How a kind's saved JSON is read: zod schemas for `requests.params` and `requests.state`, kept
 * next to the kind's types (`<kind>/types.ts`), whose TS types they give. Rows written by older
 * versions must still parse: a field added later is optional or has a default. A state schema
 * reads only the kind's own fields (the engine's `approval`, `breakGlass`, ... are left in the row).
 */
export interface SavedSchemas<P = unknown, S = unknown> {
  params: z.ZodType<P>;
  state: z.ZodType<S>;
}

/**
 * A request kind: how its saved JSON is read and the steps its jobs run, by a job's `step` (the
 * handler's name; its `key`, such as `remind:r3:3600000`, only keeps it unique). Every step is
 * idempotent: it checks Tyk and the store for its own effect before acting, so a resumed job never
 * repeats work.
 */
export interface WorkflowDefinition<P = unknown, S = unknown> {
  kind: RequestKind;
  schemas: SavedSchemas<P, S>;
  steps: Record<string, StepHandler<P, S> | PayloadStep<P, S>>;
  /** After a step failed for good; the default marks the request failed and tells people. */
  onGaveUp?(ctx: StepContext<P, S>, error: unknown): Promise<void>;
}

/** What the job runner holds: every kind has its own params and state, parsed with its own schemas before a step runs. */
// biome-ignore lint/suspicious/noExplicitAny: the list mixes kinds; each definition is checked against its own P and S where it is written
export type AnyWorkflowDefinition = WorkflowDefinition<any, any>;

/**
 * Parses one saved JSON column of a request. A row that does not match is an INTERNAL error naming
 * the request, its kind, the column and the zod path, never a crash deep inside a step.
 */
export function parseSaved<T>(schema: z.ZodType<T>, r: Pick<RequestRecord, 'id' | 'kind'>, column: 'params' | 'state', value: unknown): T {
  const got = schema.safeParse(value);
  if (got.success) return got.data;
  const issue = got.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${column}.${issue.path.map(String).join('.')}` : column;
  throw new KeybotError(
    'INTERNAL',
    `The ${column} saved with request ${r.id} (${r.kind}) cannot be read at ${path}: ${issue?.message ?? 'invalid'}.`,
    false,
    { requestId: r.id, kind: r.kind, column, path },
  );
}

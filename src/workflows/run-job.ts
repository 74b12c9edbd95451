import { z } from 'zod';
import { knownError } from '../describe-error.js';
import { KeybotError } from '../errors.js';
import type { Job } from '../store/jobs.js';
import type { RequestRecord } from '../store/requests.js';
import {
  type AnyWorkflowDefinition,
  type PayloadStep,
  parseSaved,
  type SavedSchemas,
  type StepContext,
  type StepHandler,
} from './definition.js';
import type { WorkflowDeps } from './deps.js';
import type { Notice } from './notices.js';
import type { RequestEngine } from './requests.js';

/** Connects the scheduler to the workflows: which handler runs a job, and what happens when it gives up. */
export interface JobRunner {
  /** runs one due job's step; a thrown error is retried by the scheduler when it is retryable */
  run(job: Job): Promise<void>;
  /** the job's last attempt failed: its kind's onGaveUp, else the request fails with the reason */
  onGaveUp(job: Job, error: unknown): Promise<void>;
}

/** A `notify` job's payload: the notice to send (src/workflows/notices.ts), without its request. */
const noticePayload = z.looseObject({ type: z.string() });

/**
 * The job's saved payload as its step's schema reads it. A payload that does not fit (written by
 * another version, or edited) will not fit on a retry either: the job fails at once, saying why.
 */
export function parsePayload(job: Pick<Job, 'requestId' | 'step' | 'key' | 'payload'>, schema: z.ZodType): unknown {
  const parsed = schema.safeParse(job.payload);
  if (parsed.success) return parsed.data;
  throw new KeybotError(
    'INTERNAL',
    `The saved data of step ${job.step} (job ${job.key}) of ${job.requestId} does not fit what the step expects: ${z.prettifyError(parsed.error).replaceAll('\n', '; ')}`,
  );
}

const isPayloadStep = (h: StepHandler | PayloadStep): h is PayloadStep => typeof h !== 'function';

export function jobRunner(deps: WorkflowDeps, engine: RequestEngine, workflows: readonly AnyWorkflowDefinition[]): JobRunner {
  const byKind = new Map(workflows.map((w) => [w.kind, w]));

  const requestOf = (job: Job): RequestRecord => {
    const request = deps.store.requests.get(job.requestId);
    if (!request) throw new KeybotError('INTERNAL', `job ${job.id} names a request that does not exist`);
    return request;
  };
  const context = (job: Job, unchecked = false): StepContext => {
    const request = requestOf(job);
    return stepContext(deps, engine, job, request, unchecked ? undefined : byKind.get(request.kind)?.schemas);
  };

  return {
    async run(job: Job): Promise<void> {
      if (job.step === 'notify') {
        const notice = parsePayload(job, noticePayload) as object;
        await deps.notifier.send({ ...notice, request: requestOf(job) } as Notice);
        return;
      }
      if (job.step === 'expire') return engine.expire(job.requestId);
      const request = requestOf(job);
      const handler = byKind.get(request.kind)?.steps[job.step];
      if (!handler) throw new KeybotError('INTERNAL', `no handler for step ${job.step} (job ${job.key}) of ${request.kind}`);
      // the job's own data first: a payload that does not fit names the step, whatever the request holds
      const payload = isPayloadStep(handler) ? parsePayload(job, handler.payload) : undefined;
      const ctx = stepContext(deps, engine, job, request, byKind.get(request.kind)?.schemas);
      try {
        await (isPayloadStep(handler) ? handler.run(ctx, payload) : handler(ctx));
      } catch (e) {
        // A Tyk failure that reaches here becomes words for people and keeps its own retry verdict (4xx: final).
        throw knownError(e) ?? e;
      }
    },

    async onGaveUp(job: Job, error: unknown): Promise<void> {
      if (job.step === 'notify') return; // a message that could not be delivered is logged by the scheduler
      let ctx: StepContext;
      try {
        ctx = context(job);
      } catch {
        // the row does not parse (most likely the very error given up on): the request fails, the kind's onGaveUp is skipped
        engine.fail(context(job, true), error);
        deps.kick();
        return;
      }
      const custom = byKind.get(ctx.request.kind)?.onGaveUp;
      if (custom) await custom(ctx, error);
      else engine.fail(ctx, error);
      deps.kick();
    },
  };
}

/**
 * A step's context: the request's params and state parsed once with its kind's schemas (a row that
 * does not parse throws KeybotError('INTERNAL') naming the request, the kind and the path). Without
 * schemas the raw JSON is handed over (a give-up after such an error must still end the request).
 */
function stepContext(
  deps: WorkflowDeps,
  engine: RequestEngine,
  job: Job,
  request: RequestRecord,
  schemas: SavedSchemas | undefined,
): StepContext {
  const read = (column: 'params' | 'state', value: unknown): unknown =>
    schemas ? parseSaved(schemas[column], request, column, value) : value;
  return {
    deps,
    engine,
    job,
    request,
    params: read('params', request.params),
    state: read('state', request.state),
    currentState: () => {
      const now = deps.store.requests.get(request.id);
      return now ? read('state', now.state) : undefined;
    },
    log: deps.log.child({ requestId: job.requestId, jobId: job.id, step: job.step, key: job.key }),
  };
}

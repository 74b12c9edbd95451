import { knownError } from '../describe-error.js';
import { KeybotError } from '../errors.js';
import type { Job } from '../store/jobs.js';
import type { RequestRecord } from '../store/requests.js';
import { type AnyWorkflowDefinition, parseSaved, type SavedSchemas, type StepContext } from './definition.js';
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

export function jobRunner(deps: WorkflowDeps, engine: RequestEngine, workflows: readonly AnyWorkflowDefinition[]): JobRunner {
  const byKind = new Map(workflows.map((w) => [w.kind, w]));

  const context = (job: Job, unchecked = false): StepContext => {
    const request = deps.store.requests.get(job.requestId);
    if (!request) throw new KeybotError('INTERNAL', `job ${job.id} names a request that does not exist`);
    return stepContext(deps, engine, job, request, unchecked ? undefined : byKind.get(request.kind)?.schemas);
  };

  return {
    async run(job: Job): Promise<void> {
      const base = job.step.split(':')[0] as string;
      if (base === 'notify') {
        const request = deps.store.requests.get(job.requestId);
        if (!request) throw new KeybotError('INTERNAL', `job ${job.id} names a request that does not exist`);
        await deps.notifier.send({ ...(job.payload as object), request } as Notice);
        return;
      }
      if (base === 'expire') return engine.expire(job.requestId);
      const ctx = context(job);
      const handler = byKind.get(ctx.request.kind)?.steps[base];
      if (!handler) throw new KeybotError('INTERNAL', `no handler for step ${job.step} of ${ctx.request.kind}`);
      try {
        await handler(ctx);
      } catch (e) {
        // A Tyk failure that reaches here becomes words for people and keeps its own retry verdict (4xx: final).
        throw knownError(e) ?? e;
      }
    },

    async onGaveUp(job: Job, error: unknown): Promise<void> {
      if (job.step.startsWith('notify:')) return; // a message that could not be delivered is logged by the scheduler
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
    log: deps.log.child({ requestId: job.requestId, jobId: job.id, step: job.step }),
  };
}

import { knownError } from '../describe-error.js';
import { KeybotError } from '../errors.js';
import type { Job } from '../store/jobs.js';
import type { RequestRecord } from '../store/requests.js';
import type { StepContext, WorkflowDefinition } from './definition.js';
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

export function jobRunner(deps: WorkflowDeps, engine: RequestEngine, workflows: readonly WorkflowDefinition[]): JobRunner {
  const byKind = new Map(workflows.map((w) => [w.kind, w]));

  const context = (job: Job): StepContext => {
    const request = deps.store.requests.get(job.requestId);
    if (!request) throw new KeybotError('INTERNAL', `job ${job.id} names a request that does not exist`);
    return { deps, engine, job, request, log: deps.log.child({ requestId: job.requestId, jobId: job.id, step: job.step }) };
  };

  return {
    async run(job: Job): Promise<void> {
      const ctx = context(job);
      const base = job.step.split(':')[0] as string;
      if (base === 'notify') {
        const request = deps.store.requests.get(job.requestId) as RequestRecord;
        await deps.notifier.send({ ...(job.payload as object), request } as Notice);
        return;
      }
      if (base === 'expire') return engine.expire(job.requestId);
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
      const ctx = context(job);
      const custom = byKind.get(ctx.request.kind)?.onGaveUp;
      if (custom) await custom(ctx, error);
      else engine.fail(ctx, error);
      deps.kick();
    },
  };
}

import { z } from 'zod';
import { describeError } from '../describe-error.js';
import { formatTime } from '../format-time.js';
import { newId } from '../ids.js';
import type { Log } from '../log.js';
import type { RequestKind, RequestRecord, RequestSummary } from '../store/requests.js';
import { openReview } from './break-glass/review.js';
import { parseSaved } from './definition.js';
import type { WorkflowDeps } from './deps.js';
import { isEmergency } from './emergency.js';
import { forgetRequest } from './forget.js';
import type { Notice } from './notices.js';
import { type Refusal, refuse } from './refusal.js';
import type { Say } from './say.js';

export interface DraftInput {
  /** a pre-generated ID, when the caller stores vault rows for the request in the same transaction */
  id?: string;
  kind: RequestKind;
  requester: string;
  reason: string;
  summary: RequestSummary;
  params: unknown;
  state?: Record<string, unknown>;
  /** Identifiers /key-history finds this request by: fingerprints, `client:…`, `user:…`, `credential:…` */
  refs: string[];
  /** more for the chained history's `requested` row (fingerprints, file digests; never a value) */
  recorded?: Record<string, unknown>;
  /** who decides this request, when a rotation rule says so instead of APPROVERS / REQUIRED_APPROVALS */
  approval?: ApprovalPolicy;
}

/** A request's own approval quorum and approvers (kept in its state as `approval`, any kind's). */
const approvalPolicySchema = z.object({
  required: z.number(),
  approvers: z.array(z.string()),
  /** the rotation rule that set it */
  rule: z.string().optional(),
});
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;
const savedApproval = z.object({ approval: approvalPolicySchema.optional() });

/** A notice as a workflow queues it: the request is read again when it is sent. */
export type NoticeData = Notice extends infer N ? (N extends { request: unknown } ? Omit<N, 'request'> : never) : never;

export type Decision =
  | { outcome: 'approved'; request: RequestRecord }
  | { outcome: 'vote-recorded'; request: RequestRecord; approvers: string[]; needed: number }
  | { outcome: 'rejected'; request: RequestRecord };

/**
 * The generic lifecycle: pending → approved → running → succeeded | failed | partial, and
 * pending → rejected | expired | cancelled (TRANSITIONS in store/requests.ts). Each transition is a
 * guarded update committed with its history row and the jobs it causes, so two clicks at once decide once.
 */
export interface RequestEngine {
  /** a new pending request: its history row, the approval message and its expiry (REQUEST_TTL) */
  draft(input: DraftInput): RequestRecord;
  /** the CLI path: the operator holds the Tyk credentials, so the request starts approved by them */
  draftApproved(input: DraftInput): RequestRecord;
  /** may this person decide this request now (before a Reject modal opens; no write) */
  checkDecider(id: string, user: string): Promise<RequestRecord | Refusal>;
  /** an approver's vote; the last one the quorum needs approves and queues `execute` */
  approve(id: string, user: string): Promise<Decision | Refusal>;
  /** an approver rejects, with a reason */
  reject(id: string, user: string, reason: string): Promise<Decision | Refusal>;
  /** the request's own quorum and approvers (a rotation rule's), else REQUIRED_APPROVALS and APPROVERS */
  approvalOf(r: RequestRecord): ApprovalPolicy;
  /** job step `expire`: a request nobody decided within REQUEST_TTL; a no-op once decided */
  expire(id: string): void;
  /** queues a notice as a job (inside the caller's transaction), so it survives a crash and is retried; false if already queued */
  notify(requestId: string, step: string, notice: NoticeData): boolean;
  /** a step failed for good: the request becomes failed (or partial) and people are told why */
  fail(ctx: { request: RequestRecord; job: { step: string; key: string }; log: Log }, error: unknown, status?: 'failed' | 'partial'): void;
}

// long: a factory of small lifecycle methods (RequestEngine) over one set of deps
export function requestEngine(d: WorkflowDeps): RequestEngine {
  const { store, clock, config } = d;

  /** The request's stored policy, else the global one. */
  const approvalOf = (r: RequestRecord): ApprovalPolicy =>
    parseSaved(savedApproval, r, 'state', r.state).approval ?? { required: config.requiredApprovals, approvers: config.approvers };

  /** Queues a notice as a job so it survives a crash and is retried when Slack fails. */
  const notify = (requestId: string, key: string, notice: NoticeData) =>
    store.jobs.enqueue(
      { requestId, step: 'notify', key: `notify:${key}`, dueAt: clock.now(), payload: notice as Record<string, unknown> },
      clock.now(),
    );

  const load = (id: string): RequestRecord | Refusal =>
    store.requests.get(id) ??
    refuse('not-found', `There is no request ${id}. It may have been typed wrong; /key-history lists recent ones.`);

  const decidedMessage = (r: RequestRecord): Say => {
    const votes = store.approvals.forRequest(r.id);
    const last = votes.at(-1);
    const by = last ? [' by ', { user: last.approver }, ` at ${formatTime(last.at)}`] : [];
    return [`${r.id} was already ${r.status}`, ...by, '. Nothing was changed.'];
  };

  /** A request that will never run (rejected, cancelled, expired) needs none of what it sealed. */
  const forget = (id: string, now: number, why: string): void => void forgetRequest(store, id, now, why);

  /** BREAK_GLASS: an approver approves their own emergency request alone; another approver reviews it afterwards. */
  const isBreakGlass = (r: RequestRecord, user: string): boolean =>
    config.breakGlass.enabled && !config.allowSelfApproval && r.requester === user && isEmergency(r);

  /** The checks that need no write: used before a Reject modal opens, and by approve/reject. */
  async function checkDecider(id: string, user: string): Promise<RequestRecord | Refusal> {
    const r = load(id);
    if ('refused' in r) return r;
    if (r.status !== 'pending') return refuse('already-decided', decidedMessage(r));
    const policy = approvalOf(r);
    if (!(await d.directory.isApprover(user, policy.approvers))) {
      const who = policy.rule ? `named by rotation rule "${policy.rule}"` : 'listed in APPROVERS';
      return refuse('not-approver', `Only approvers can approve or reject ${r.id}. Ask one of the people or groups ${who}.`);
    }
    if (r.requester === user && !config.allowSelfApproval && !isBreakGlass(r, user)) {
      return refuse('self-approval', `You asked for ${r.id} yourself, so another approver has to decide it.`);
    }
    return r;
  }

  return {
    draft(input: DraftInput): RequestRecord {
      const id = input.id ?? newId('req');
      const now = clock.now();
      store.tx(() => {
        store.requests.insert({ ...input, id, now, expiresAt: now + config.requestTtlMs, state: withApproval(input) });
        store.history.append({
          requestId: id,
          event: 'requested',
          actor: input.requester,
          at: now,
          data: { kind: input.kind, title: input.summary.title, reason: input.reason, ...input.recorded },
        });
        notify(id, 'approval-requested', { type: 'approval-requested' });
        store.jobs.enqueue({ requestId: id, step: 'expire', dueAt: now + config.requestTtlMs }, now);
      });
      d.kick();
      return store.requests.get(id) as RequestRecord;
    },

    /** The CLI path: the operator holds the Tyk credentials, so the request starts approved by them. */
    draftApproved(input: DraftInput): RequestRecord {
      const id = input.id ?? newId('req');
      const now = clock.now();
      store.tx(() => {
        store.requests.insert({ ...input, id, now, expiresAt: now, state: withApproval(input) });
        store.history.append({
          requestId: id,
          event: 'requested',
          actor: input.requester,
          at: now,
          data: { kind: input.kind, title: input.summary.title, reason: input.reason, ...input.recorded, via: 'cli' },
        });
        store.requests.transition(id, ['pending'], 'approved', now);
        store.history.append({ requestId: id, event: 'approved', actor: input.requester, at: now, data: { via: 'cli' } });
        store.jobs.enqueue({ requestId: id, step: 'execute', dueAt: now }, now);
      });
      return store.requests.get(id) as RequestRecord;
    },

    checkDecider,

    async approve(id: string, user: string): Promise<Decision | Refusal> {
      const checked = await checkDecider(id, user);
      if ('refused' in checked) return checked;
      const now = clock.now();
      const result = store.tx((): Decision | Refusal => {
        const r = store.requests.get(id) as RequestRecord;
        if (r.status !== 'pending') return refuse('already-decided', decidedMessage(r));
        if (!store.approvals.vote({ requestId: id, approver: user, decision: 'approve', reason: null, at: now })) {
          return refuse('already-voted', `You already approved ${id}; it needs another approver.`);
        }
        const approvers = store.approvals
          .forRequest(id)
          .filter((v) => v.decision === 'approve')
          .map((v) => v.approver);
        const needed = approvalOf(r).required;
        const breakGlass = isBreakGlass(r, user);
        if (approvers.length < needed && !breakGlass) {
          store.history.append({
            requestId: id,
            event: 'approval-recorded',
            actor: user,
            at: now,
            data: { approvals: approvers.length, needed },
          });
          notify(id, `vote:${approvers.length}`, { type: 'vote-recorded', approvers, needed });
          return { outcome: 'vote-recorded', request: r, approvers, needed };
        }
        store.requests.transition(id, ['pending'], 'approved', now);
        store.history.append({ requestId: id, event: 'approved', actor: user, at: now, data: { approvers } });
        notify(id, 'decided', { type: 'decided', decision: 'approved', by: approvers, at: now });
        store.jobs.enqueue({ requestId: id, step: 'execute', dueAt: now }, now);
        store.jobs.cancel(id, 'expire', now);
        if (breakGlass) openReview(d, notify, id, user, now);
        return { outcome: 'approved', request: store.requests.get(id) as RequestRecord };
      });
      d.kick();
      return result;
    },

    async reject(id: string, user: string, reason: string): Promise<Decision | Refusal> {
      const checked = await checkDecider(id, user);
      if ('refused' in checked) return checked;
      const now = clock.now();
      const result = store.tx((): Decision | Refusal => {
        if (!store.requests.transition(id, ['pending'], 'rejected', now))
          return refuse('already-decided', decidedMessage(store.requests.get(id) as RequestRecord));
        store.approvals.vote({ requestId: id, approver: user, decision: 'reject', reason, at: now });
        store.history.append({ requestId: id, event: 'rejected', actor: user, at: now, data: { reason } });
        notify(id, 'decided', { type: 'decided', decision: 'rejected', by: [user], at: now, reason });
        store.jobs.cancel(id, 'expire', now);
        forget(id, now, 'rejected');
        return { outcome: 'rejected', request: store.requests.get(id) as RequestRecord };
      });
      store.eraseCheckpoint();
      d.kick();
      return result;
    },

    approvalOf,

    /** Job step `expire`: a request nobody decided within REQUEST_TTL. A no-op once decided. */
    expire(id: string): void {
      const now = clock.now();
      store.tx(() => {
        if (!store.requests.transition(id, ['pending'], 'expired', now)) return;
        store.history.append({ requestId: id, event: 'expired', actor: 'keybot', at: now, data: { ttlMs: config.requestTtlMs } });
        notify(id, 'expired', { type: 'expired' });
        forget(id, now, 'expired');
      });
      store.eraseCheckpoint();
    },

    notify,

    /** A step failed for good: the request becomes failed (or partial: some of it took effect) and people are told why. */
    fail(
      ctx: { request: RequestRecord; job: { step: string; key: string }; log: Log },
      error: unknown,
      status: 'failed' | 'partial' = 'failed',
    ): void {
      const { message, incident } = describeError(error, ctx.log);
      const now = clock.now();
      store.tx(() => {
        if (!store.requests.transition(ctx.request.id, ['approved', 'running'], status, now, message)) return;
        store.history.append({
          requestId: ctx.request.id,
          event: status,
          actor: 'keybot',
          at: now,
          data: {
            step: ctx.job.step,
            ...(ctx.job.key !== ctx.job.step ? { key: ctx.job.key } : {}),
            message,
            ...(incident ? { incident } : {}),
          },
        });
        notify(ctx.request.id, status, { type: 'failed', message, ...(incident ? { incident } : {}) });
      });
    },
  };
}

const withApproval = (input: DraftInput): Record<string, unknown> | undefined =>
  input.approval ? { ...input.state, approval: input.approval } : input.state;

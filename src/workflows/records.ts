import type { KeyHistoryQuery } from '../command-args/key-history.js';
import type { AuditResult } from '../store/history.js';
import type { RequestRecord } from '../store/requests.js';
import { botIsLive } from '../store/runners.js';
import type { WorkflowDeps } from './deps.js';
import { findHistory, type RequestHistory } from './history-query.js';

/** Whether a bot's scheduler ticks on the database (it runs what the CLI leaves queued). */
export interface BotPresence {
  live: boolean;
  /** the newest tick of a bot's scheduler, or null when none ever ticked on this database */
  lastTickAt: number | null;
}

/**
 * What the CLI reads of the database: requests with their history, the history's hash chain, a
 * request's steps still to run, and whether a bot runs them. Reads only; no Tyk, no Slack.
 */
export interface Records {
  /** the `limit` most recent requests, whoever made them, newest first, each with its history */
  recent(limit: number): RequestHistory[];
  /** the requests a /key-history query finds, each with its history (every step, whoever asks) */
  find(q: Exclude<KeyHistoryQuery, { kind: 'help' }>, asker: string): RequestHistory[];
  /** walks the history's hash chain and MACs: intact with its head, or the first broken row */
  verifyChain(): AuditResult;
  /** the request as it stands now, or null */
  request(id: string): RequestRecord | null;
  /** when the request's next pending job is due, or null when none is left */
  nextDueAt(requestId: string): number | null;
  /** the steps of the request still waiting to run (`report`, `remind`), in queue order */
  pendingSteps(requestId: string): string[];
  /** whether a bot's scheduler ticks on this database now */
  bot(now: number): BotPresence;
}

/** The read side of the store, for surfaces that must not query its tables themselves. */
export function records(d: Pick<WorkflowDeps, 'store'>): Records {
  const { store } = d;
  return {
    recent: (limit) => store.requests.recent(limit).map((request) => ({ request, entries: store.history.forRequest(request.id) })),
    find: (q, asker) => findHistory(d, q, asker),
    verifyChain: () => store.history.verify(),
    request: (id) => store.requests.get(id),
    nextDueAt: (requestId) => store.jobs.nextDueAt(requestId),
    pendingSteps: (requestId) =>
      store.jobs
        .forRequest(requestId)
        .filter((j) => j.status === 'pending')
        .map((j) => j.step),
    bot(now) {
      const tick = store.runners.lastBotTick();
      return { live: tick !== null && botIsLive(tick, now), lastTickAt: tick?.tickedAt ?? null };
    },
  };
}

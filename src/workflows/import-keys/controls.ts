import { formatTime } from '../../format-time.js';
import type { RequestRecord } from '../../store/requests.js';
import type { WorkflowDeps } from '../deps.js';
import { type Refusal, refuse } from '../refusal.js';
import { stateOf } from '../saved.js';
import type { ImportState } from './types.js';

/** The buttons of a batch: Cancel while it runs, Undo import once it ended. */
export interface ImportControls {
  /** approvers or the requester: stop a running batch after the calls in flight; what was done stays */
  cancel(id: string, user: string): Promise<true | Refusal>;
  /** before the Undo confirmation opens: may this person undo, and how many keys would go */
  checkUndo(id: string, user: string): Promise<{ request: RequestRecord; created: number } | Refusal>;
  /** approvers: delete the keys the batch created (a job; the result follows in the thread) */
  undo(id: string, user: string): Promise<true | Refusal>;
}

export function importControls(d: WorkflowDeps): ImportControls {
  const { store, clock } = d;
  const load = (id: string): RequestRecord | Refusal => {
    const r = store.requests.get(id);
    return r && r.kind === 'import-keys' ? r : refuse('not-found', `There is no import ${id}.`);
  };

  /** Before the confirmation opens: may this person undo, and how many keys would go. */
  async function checkUndo(id: string, user: string): Promise<{ request: RequestRecord; created: number } | Refusal> {
    const r = load(id);
    if ('refused' in r) return r;
    if (!(await d.directory.isApprover(user))) return refuse('not-approver', 'Only approvers can undo an import. Nothing was changed.');
    const s = stateOf('import-keys', r);
    if (!s.finishedAt) return refuse('not-pending', `${id} is still running; cancel it first.`);
    const windowEnds = s.finishedAt + d.config.restoreWindowMs;
    if (d.clock.now() >= windowEnds)
      return refuse(
        'not-allowed',
        `The Undo window (RESTORE_WINDOW) of ${id} ended at ${formatTime(windowEnds)}; the bot no longer holds the created keys' IDs.`,
      );
    if (s.undoRequestedBy)
      return refuse('already-decided', [`${id} is already being undone (asked by `, { user: s.undoRequestedBy }, ').']);
    const created = store.importItems.indexesWith(id, 'created').length;
    if (created === 0) return refuse('not-pending', `${id} created no keys, so there is nothing to undo.`);
    return { request: r, created };
  }

  return {
    /** Approvers or the requester: stop a running batch after the calls in flight; what was done stays. */
    async cancel(id: string, user: string): Promise<true | Refusal> {
      const r = load(id);
      if ('refused' in r) return r;
      if (r.requester !== user && !(await d.directory.isApprover(user)))
        return refuse('not-allowed', 'Only approvers and the requester can cancel an import. Nothing was changed.');
      if (r.status !== 'running' && r.status !== 'approved') return refuse('not-pending', `${id} is not running (${r.status}).`);
      const now = clock.now();
      store.tx(() => {
        store.requests.patchState(id, { cancelRequested: user } satisfies ImportState, now);
        store.history.append({ requestId: id, event: 'cancel-requested', actor: user, at: now });
      });
      return true;
    },
    checkUndo,
    /** Approvers, after confirming: deletes the keys this batch created. */
    async undo(id: string, user: string): Promise<true | Refusal> {
      const r = await checkUndo(id, user);
      if ('refused' in r) return r;
      const now = clock.now();
      store.tx(() => {
        store.requests.patchState(id, { undoRequestedBy: user } satisfies ImportState, now);
        store.history.append({ requestId: id, event: 'undo-requested', actor: user, at: now });
        store.jobs.enqueue({ requestId: id, step: 'undo', dueAt: now }, now);
      });
      d.kick();
      return true;
    },
  };
}

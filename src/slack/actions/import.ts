import { isRefusal } from '../../workflows/refusal.js';
import { undoConfirmModal } from '../blocks/undo-confirm-modal.js';
import type { ListenerDeps } from '../listener-deps.js';
import { onClick } from './click.js';

/** `Cancel` on a running import (approvers or the requester): stops after the calls in flight. */
export const cancelImportAction = (deps: ListenerDeps) =>
  onClick(deps, async ({ value, user, tell }) => {
    const r = await deps.workflows.imports.cancel(value, user);
    await tell(isRefusal(r) ? r.message : `Cancelling ${value}; keys already imported stay. The summary follows in the thread.`);
  });

/** `Undo import` (approvers): asks for confirmation before deleting what the batch created. */
export const undoImportAction = (deps: ListenerDeps) =>
  onClick(
    deps,
    async ({ value, user, tell, args }) => {
      const r = await deps.workflows.imports.checkUndo(value, user);
      if (isRefusal(r)) return void (await tell(r.message));
      await args.client.views.open({ trigger_id: args.body.trigger_id, view: undoConfirmModal(value, r.created) });
    },
    true,
  );

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isRefusal } from '../../workflows/refusal.js';
import { dmUser } from '../dm.js';
import type { ListenerDeps } from '../listener-deps.js';

/** Undo confirmed: the deletion runs as a job; the result follows in the import's thread. */
export const undoImportSubmitted =
  (deps: ListenerDeps) =>
  async ({ ack, view, body, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const r = await deps.workflows.imports.undo(view.private_metadata, body.user.id);
    if (isRefusal(r)) await dmUser(client, body.user.id, r.message);
  };

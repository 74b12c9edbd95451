import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isRefusal } from '../../workflows/refusal.js';
import type { ListenerDeps } from '../listener-deps.js';
import { answerForm } from './form-answer.js';

/** Undo confirmed: the deletion runs as a job; the result follows in the import's thread. A refusal comes by DM. */
export const undoImportSubmitted =
  (deps: ListenerDeps) =>
  async (args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    await answerForm(deps, args, '', async (form) => {
      await form.close();
      const r = await deps.workflows.imports.undo(args.view.private_metadata, args.body.user.id);
      if (isRefusal(r)) await form.tell(r.message);
    });
  };

import { checkView } from './block-kit/surfaces.js';
import type { MethodContext } from './methods/context.js';
import { closeView, fullView, openStack } from './methods/view-state.js';

/**
 * What Slack's client does with the app's answer to a view_submission: no body closes the view
 * (and any pushed above it), `clear` closes the whole stack, `errors` keeps it open, `update`
 * replaces it and `push` stacks a new one. Returns the problem when the answer is invalid; Slack
 * would show the user an error and leave the modal as it was.
 */
export function applyViewResponse(viewId: string, ackBody: string, ctx: MethodContext): string | undefined {
  const entry = ctx.store.liveViews.get(viewId);
  if (!entry) return `view ${viewId} is not open`;
  let answer: Record<string, unknown> = {};
  try {
    answer = ackBody.trim() === '' ? {} : (JSON.parse(ackBody) as Record<string, unknown>);
  } catch {
    return `the app answered the view_submission with a body that is not JSON: ${ackBody.slice(0, 100)}`;
  }
  switch (answer.response_action) {
    case undefined:
      closeView(ctx.store, viewId, false);
      return undefined;
    case 'clear':
      closeView(ctx.store, viewId, true);
      return undefined;
    case 'errors':
      return undefined;
    case 'update':
    case 'push': {
      const problem = checkView(answer.view, 'modal');
      if (problem) return `response_action ${answer.response_action}: ${JSON.stringify(problem.body)}`;
      const root = entry.view.root_view_id as string;
      if (answer.response_action === 'push' && openStack(ctx.store, root).length >= 3) return 'push_limit_reached';
      const id = answer.response_action === 'update' ? viewId : ctx.store.newId('V');
      const previous = answer.response_action === 'update' ? entry.view.previous_view_id : viewId;
      const view = fullView(answer.view as Record<string, unknown>, ctx, { id, root, previous });
      ctx.store.recordView({ id, user: entry.user, view, via: answer.response_action === 'update' ? 'views.update' : 'views.push' });
      return undefined;
    }
    default:
      return `unknown response_action: ${String(answer.response_action)}`;
  }
}

import { isRefusal } from '../../workflows/refusal.js';
import type { ListenerDeps } from '../listener-deps.js';
import { onClick } from './click.js';

/** `Approve`: records the vote; the request runs once enough distinct approvers agreed. */
export const approveAction = (deps: ListenerDeps) =>
  onClick(deps, async ({ value, user, tell }) => {
    const result = await deps.workflows.engine.approve(value, user);
    if (isRefusal(result)) return void (await tell(result.message));
    if (result.outcome === 'vote-recorded')
      await tell(`Your approval of ${value} is recorded; it needs ${result.needed - result.approvers.length} more.`);
  });

import { isRefusal } from '../../workflows/refusal.js';
import type { ListenerDeps } from '../listener-deps.js';
import { onClick } from './click.js';

/** `Request rotation` on a digest line: a normal rotation request by the clicker, approved as usual. */
export const requestRotationAction = (deps: ListenerDeps) =>
  onClick(deps, async ({ value, user, tell }) => {
    const r = await deps.workflows.hygiene.requestRotation(value, user);
    if (isRefusal(r)) return void (await tell(r.message));
    await tell(
      `Requested ${r.id}: ${r.summary.title}. Approvers were asked in <#${deps.config.approvalChannel}>; after approval the new key goes out by DM.`,
    );
  });

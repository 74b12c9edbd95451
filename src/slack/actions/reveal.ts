import { isRefusal } from '../../workflows/refusal.js';
import { revealNextSteps } from '../../workflows/reveal.js';
import { revealModal } from '../blocks/reveal-message.js';
import type { ListenerDeps } from '../listener-deps.js';
import { onClick } from './click.js';

/** `Reveal`: the recipient's click opens a modal with the value once; then the value is erased. */
export const revealAction = (deps: ListenerDeps) =>
  onClick(
    deps,
    async ({ value, user, tell, args }) => {
      const grant = deps.workflows.reveal.claim(value, user);
      if (isRefusal(grant)) return void (await tell(grant.message));
      try {
        await args.client.views.open({
          trigger_id: args.body.trigger_id,
          view: revealModal({ what: grant.label, value: grant.secret.reveal(), nextSteps: revealNextSteps() }),
        });
      } catch (e) {
        grant.failed();
        throw e;
      }
      grant.shown();
    },
    true,
  );

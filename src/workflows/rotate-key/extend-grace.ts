import { formatTime } from '../../format-time.js';
import type { WorkflowDefinition } from '../definition.js';
import { ROTATION_KINDS, stateOf } from '../saved.js';
import { beginRequest } from './begin.js';
import { awaitsRetirement, rotationPhase } from './phase.js';
import { scheduleRetirement } from './schedule.js';
import { type ExtendParams, extendSchemas } from './types.js';

/** An approved extension of a rotation's grace period beyond MAX_GRACE. */
export const extendGraceWorkflow: WorkflowDefinition<ExtendParams, unknown> = {
  kind: 'extend-grace',
  schemas: extendSchemas,
  steps: {
    async execute(ctx) {
      const { store, clock } = ctx.deps;
      const { rotationId, retireAt } = ctx.params;
      beginRequest(ctx);
      const rotation = store.requests.get(rotationId);
      const s = rotation ? stateOf(ROTATION_KINDS, rotation) : undefined;
      const now = clock.now();
      store.tx(() => {
        const still = s && awaitsRetirement(rotationPhase(s));
        if (still) {
          scheduleRetirement(ctx.deps, rotationId, retireAt);
          store.history.append({
            requestId: rotationId,
            event: 'grace-extended',
            actor: ctx.request.requester,
            at: now,
            data: { approvedIn: ctx.request.id, retireAt: new Date(retireAt).toISOString() },
          });
          ctx.engine.notify(rotationId, `extended:${ctx.request.id}`, {
            type: 'progress',
            text: `Grace period extended (approved in ${ctx.request.id}); the old key now retires at ${formatTime(retireAt)}.`,
          });
        }
        store.history.append({ requestId: ctx.request.id, event: still ? 'succeeded' : 'nothing-to-do', actor: 'keybot', at: now });
        store.requests.transition(ctx.request.id, ['running'], 'succeeded', now);
      });
      ctx.deps.kick();
    },
  },
};

import { describeError } from '../../describe-error.js';
import { breakGlassSteps } from '../break-glass/steps.js';
import type { WorkflowDefinition } from '../definition.js';
import { forgetStep } from '../forget.js';
import { nudgeApprovers } from '../inventory/nudge.js';
import { confirmRetirement } from './confirm-retirement.js';
import { executeRotation } from './execute.js';
import { handover } from './handover.js';
import { remind } from './remind.js';
import { restore } from './restore.js';
import { retire } from './retire.js';
import { retireAtOnce } from './retire-at-once.js';
import { type RotationParams, type RotationState, rotationSchemas } from './types.js';

/** `/rotate-key`: execute → handover → remind… → retire (→ restore); `--now`: execute → handover → revoke → confirm… */
export const rotateKeyWorkflow: WorkflowDefinition<RotationParams, RotationState> = {
  kind: 'rotate-key',
  schemas: rotationSchemas,
  steps: {
    execute: executeRotation,
    handover,
    remind,
    retire,
    restore,
    confirm: confirmRetirement,
    revoke: retireAtOnce,
    nudge: nudgeApprovers,
    forget: forgetStep,
    ...breakGlassSteps,
  },
  /** Once the new key exists the rotation is half done, not failed: the old key still works. */
  async onGaveUp(ctx, error) {
    if (ctx.job.step === 'restore') {
      const { message } = describeError(error, ctx.log);
      ctx.engine.notify(ctx.request.id, `restore-failed:${ctx.job.key}`, { type: 'restore-failed', message });
      return;
    }
    const { store, clock } = ctx.deps;
    const state = ctx.currentState() ?? {};
    ctx.engine.fail(ctx, error, state.newRef ? 'partial' : 'failed');
    // Nothing more will be done with either key's reference; a Reveal of a new key keeps its REVEAL_TTL.
    const now = clock.now();
    store.tx(() => {
      for (const purpose of ['tyk-ref', 'intent'] as const) store.vault.eraseForRequest(ctx.request.id, purpose, now);
    });
    store.eraseCheckpoint();
  },
};

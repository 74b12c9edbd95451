import { breakGlassSteps } from '../break-glass/steps.js';
import type { WorkflowDefinition } from '../definition.js';
import { forgetStep } from '../forget.js';
import { beginRequest } from '../rotate-key/begin.js';
import { confirmRetirement } from '../rotate-key/confirm-retirement.js';
import { rotateKeyWorkflow } from '../rotate-key/definition.js';
import { restore } from '../rotate-key/restore.js';
import { retireAtOnce } from '../rotate-key/retire-at-once.js';
import { type RotationParams, type RotationState, rotationSchemas } from '../rotate-key/types.js';

/** `/revoke-key`: execute (retire at once, no replacement) → confirm… (→ restore, for `expire`). */
export const revokeKeyWorkflow: WorkflowDefinition<RotationParams, RotationState> = {
  kind: 'revoke-key',
  schemas: rotationSchemas,
  steps: {
    async execute(ctx) {
      beginRequest(ctx);
      await retireAtOnce(ctx);
    },
    confirm: confirmRetirement,
    restore,
    forget: forgetStep,
    ...breakGlassSteps,
  },
  onGaveUp: rotateKeyWorkflow.onGaveUp, // a failed restore is reported, anything else fails the request
};

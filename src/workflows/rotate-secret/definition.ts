import { credentialGaveUp } from '../credential/gave-up.js';
import type { WorkflowDefinition } from '../definition.js';
import { executeSecretRotation } from './execute.js';
import { revokeTokens } from './revoke.js';

/** `/rotate-secret`: execute (rotate, verify, hand over) → revoke (with --revoke-tokens). */
export const rotateSecretWorkflow: WorkflowDefinition = {
  kind: 'rotate-secret',
  steps: { execute: executeSecretRotation, revoke: revokeTokens },
  onGaveUp: credentialGaveUp,
};

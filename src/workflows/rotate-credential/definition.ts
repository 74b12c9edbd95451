import { credentialGaveUp } from '../credential/gave-up.js';
import type { CredentialState } from '../credential/types.js';
import type { WorkflowDefinition } from '../definition.js';
import { executeCredentialRotation } from './execute.js';
import { type CredentialRotationParams, credentialRotationSchemas } from './types.js';

/** `/rotate-credential`: execute (rotate, re-read, hand over). */
export const rotateCredentialWorkflow: WorkflowDefinition<CredentialRotationParams, CredentialState> = {
  kind: 'rotate-credential',
  schemas: credentialRotationSchemas,
  steps: { execute: executeCredentialRotation },
  onGaveUp: credentialGaveUp,
};

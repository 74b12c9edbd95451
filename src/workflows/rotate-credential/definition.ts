import { credentialGaveUp } from '../credential/gave-up.js';
import type { WorkflowDefinition } from '../definition.js';
import { executeCredentialRotation } from './execute.js';

/** `/rotate-credential`: execute (rotate, re-read, hand over). */
export const rotateCredentialWorkflow: WorkflowDefinition = {
  kind: 'rotate-credential',
  steps: { execute: executeCredentialRotation },
  onGaveUp: credentialGaveUp,
};

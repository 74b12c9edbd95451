import { credentialGaveUp } from '../credential/gave-up.js';
import type { WorkflowDefinition } from '../definition.js';
import { executeUserKeyReset } from './execute.js';

/** `/rotate-user-key`: execute (reset, read the new key back, hand it over). */
export const rotateUserKeyWorkflow: WorkflowDefinition = {
  kind: 'rotate-user-key',
  steps: { execute: executeUserKeyReset },
  onGaveUp: credentialGaveUp,
};

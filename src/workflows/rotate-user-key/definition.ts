import { credentialGaveUp } from '../credential/gave-up.js';
import type { CredentialState } from '../credential/types.js';
import type { WorkflowDefinition } from '../definition.js';
import { executeUserKeyReset } from './execute.js';
import { type UserKeyParams, userKeySchemas } from './types.js';

/** `/rotate-user-key`: execute (reset, read the new key back, hand it over). */
export const rotateUserKeyWorkflow: WorkflowDefinition<UserKeyParams, CredentialState> = {
  kind: 'rotate-user-key',
  schemas: userKeySchemas,
  steps: { execute: executeUserKeyReset },
  onGaveUp: credentialGaveUp,
};

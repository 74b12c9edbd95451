import { credentialGaveUp } from '../credential/gave-up.js';
import type { CredentialState } from '../credential/types.js';
import type { WorkflowDefinition } from '../definition.js';
import { executeSecretRotation } from './execute.js';
import { revokeTokens } from './revoke.js';
import { type SecretRotationParams, secretRotationSchemas } from './types.js';

/** `/rotate-secret`: execute (rotate, verify, hand over) → revoke (with --revoke-tokens). */
export const rotateSecretWorkflow: WorkflowDefinition<SecretRotationParams, CredentialState> = {
  kind: 'rotate-secret',
  schemas: secretRotationSchemas,
  steps: { execute: executeSecretRotation, revoke: revokeTokens },
  onGaveUp: credentialGaveUp,
};

import type { AnyWorkflowDefinition } from './definition.js';
import { importKeysWorkflow } from './import-keys/definition.js';
import { revokeKeyWorkflow } from './revoke-key/definition.js';
import { rotateCredentialWorkflow } from './rotate-credential/definition.js';
import { rotateKeyWorkflow } from './rotate-key/definition.js';
import { extendGraceWorkflow } from './rotate-key/extend-grace.js';
import { rotateSecretWorkflow } from './rotate-secret/definition.js';
import { rotateUserKeyWorkflow } from './rotate-user-key/definition.js';

/** Every request kind the bot runs. */
export const WORKFLOWS: readonly AnyWorkflowDefinition[] = [
  rotateKeyWorkflow,
  extendGraceWorkflow,
  importKeysWorkflow,
  rotateSecretWorkflow,
  rotateUserKeyWorkflow,
  rotateCredentialWorkflow,
  revokeKeyWorkflow,
];

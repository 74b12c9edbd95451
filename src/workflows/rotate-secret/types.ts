import { z } from 'zod';
import { type CredentialState, credentialStateSchema } from '../credential/types.js';
import type { SavedSchemas } from '../definition.js';

/** Stored with a /rotate-secret request: IDs and the old secret's fingerprint, never a secret. */
export const secretRotationParamsSchema = z.object({
  apiId: z.string(),
  clientId: z.string(),
  /** fingerprint of the secret when the request was made: the execute step compares against it */
  fingerprint: z.string(),
  revokeTokens: z.boolean(),
  /** who gets the new secret, as the approval message named them (absent in older requests: the requester) */
  recipients: z.array(z.string()).optional(),
});
export type SecretRotationParams = z.infer<typeof secretRotationParamsSchema>;

export const secretRotationSchemas: SavedSchemas<SecretRotationParams, CredentialState> = {
  params: secretRotationParamsSchema,
  state: credentialStateSchema,
};

export const secretRecipients = (p: SecretRotationParams, requester: string): string[] => p.recipients ?? [requester];

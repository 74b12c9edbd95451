import { z } from 'zod';
import { type CredentialState, credentialStateSchema } from '../credential/types.js';
import type { SavedSchemas } from '../definition.js';

/** Stored with a /rotate-credential request: Portal IDs, names and the old credential's fingerprint. */
export const credentialRotationParamsSchema = z.object({
  appId: z.number(),
  accessRequestId: z.number(),
  credentialId: z.number(),
  appName: z.string(),
  fingerprint: z.string(),
  /** the Slack user with the app developer's email, when there is one */
  developer: z.string().optional(),
  /** who gets the new credential, as the approval message named them (absent in older requests: requester and developer) */
  recipients: z.array(z.string()).optional(),
});
export type CredentialRotationParams = z.infer<typeof credentialRotationParamsSchema>;

export const credentialRotationSchemas: SavedSchemas<CredentialRotationParams, CredentialState> = {
  params: credentialRotationParamsSchema,
  state: credentialStateSchema,
};

import { z } from 'zod';

/** Progress of a secret, user-key or credential rotation, in `requests.state`: fingerprints only, never a value. */
export const credentialStateSchema = z.object({
  /** set in the transaction that writes the Reveal rows, so the execute step never hands over twice */
  rotatedAt: z.number().optional(),
  newFingerprint: z.string().optional(),
  /** /rotate-secret --revoke-tokens */
  revokedAt: z.number().optional(),
});
export type CredentialState = z.infer<typeof credentialStateSchema>;

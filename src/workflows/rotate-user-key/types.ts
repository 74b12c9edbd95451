import { z } from 'zod';
import { type CredentialState, credentialStateSchema } from '../credential/types.js';
import type { SavedSchemas } from '../definition.js';

/** Stored with a /rotate-user-key request: who, and the old key's fingerprint, never a key. */
export const userKeyParamsSchema = z.object({
  userId: z.string(),
  email: z.string(),
  /** the user is the one the bot itself works as (its TYK_DASHBOARD_API_KEY) */
  self: z.boolean(),
  fingerprint: z.string(),
  /** the Slack user with the Dashboard user's email, else the requester */
  revealTo: z.string(),
  /** false: no Slack user has that email, so the requester gets the key (and is told why) */
  matched: z.boolean(),
  /** who gets the new key, as the approval message named them (absent in older requests: revealTo) */
  recipients: z.array(z.string()).optional(),
});
export type UserKeyParams = z.infer<typeof userKeyParamsSchema>;

export const userKeySchemas: SavedSchemas<UserKeyParams, CredentialState> = { params: userKeyParamsSchema, state: credentialStateSchema };

import { z } from 'zod';
import type { OldKeyAction } from '../../config.js';
import type { SavedSchemas, StepContext } from '../definition.js';

const oldKeyAction = z.enum(['expire', 'deactivate', 'delete']) satisfies z.ZodType<OldKeyAction>;

/** Stored with the request; display data and vault IDs only, never a key value. */
export const rotationParamsSchema = z.object({
  alias: z.string(),
  /** fingerprint of what the requester gave (the value the consumer sends, or the key ID) */
  fingerprint: z.string(),
  graceMs: z.number(),
  action: oldKeyAction,
  /** vault ID of the old key's management reference (StoredRef) */
  oldRef: z.string(),
  /** fingerprints of the old key's identifiers (the request's refs also hold the new key's; absent in the first rotations) */
  oldRefs: z.array(z.string()).default([]),
  /** `--now` (and every /revoke-key): no grace, no reminders; the old key is retired at once and confirmed dead */
  emergency: z.boolean().optional(),
  /** who gets the new key, as the approval message named them (absent in requests drafted before this rule) */
  recipients: z.array(z.string()).optional(),
});
export type RotationParams = z.infer<typeof rotationParamsSchema>;

export type Usage = 'in-use' | 'idle' | 'unknown';

/** Progress of a rotation, kept in `requests.state`; every field is set by a later step, so all are optional. */
export const rotationStateSchema = z.object({
  /** vault ID of the new key's management reference */
  newRef: z.string().optional(),
  newFingerprint: z.string().optional(),
  graceStartedAt: z.number().optional(),
  retireAt: z.number().optional(),
  /** end of the grace period as last set (start + grace, or an extension); RETIRE_HOLD_LIMIT counts from here, not from a recheck */
  graceEndsAt: z.number().optional(),
  /** bumped at every (re)scheduling; jobs of an older round do nothing */
  round: z.number().optional(),
  quotaSample: z.object({ remaining: z.number(), at: z.number() }).optional(),
  heldSince: z.number().optional(),
  retiredAt: z.number().optional(),
  retiredBy: z.string().optional(),
  retiredWith: oldKeyAction.optional(),
  /** what the old key had before retirement, for Restore */
  before: z.object({ expires: z.number(), is_inactive: z.boolean() }).optional(),
  restoredAt: z.number().optional(),
  /** the last time a confirmation re-applied the retirement (the session cache had written the key back) */
  reappliedAt: z.number().optional(),
  /** emergency: when the bot confirmed the old key refused, a whole cache window after the last write */
  deadAt: z.number().optional(),
  cancelledAt: z.number().optional(),
  cancelledBy: z.string().optional(),
});
export type RotationState = z.infer<typeof rotationStateSchema>;

/** `/rotate-key` and `/revoke-key` (a revocation has a rotation's params and state, revoke-key/draft.ts). */
export const rotationSchemas: SavedSchemas<RotationParams, RotationState> = { params: rotationParamsSchema, state: rotationStateSchema };

/** An approved extension of a rotation's grace period beyond MAX_GRACE (extend-grace.ts). */
export const extendParamsSchema = z.object({ rotationId: z.string(), retireAt: z.number() });
export type ExtendParams = z.infer<typeof extendParamsSchema>;

export const extendSchemas: SavedSchemas<ExtendParams, unknown> = {
  params: extendParamsSchema,
  state: z.unknown(), // an extension keeps nothing of its own in its state
};

/** What a step of `/rotate-key` or `/revoke-key` gets. */
export type RotationContext = StepContext<RotationParams, RotationState>;

import type { z } from 'zod';
import { KeybotError } from '../errors.js';
import type { RequestKind, RequestRecord } from '../store/requests.js';
import { parseSaved, type SavedSchemas } from './definition.js';
import { importSchemas } from './import-keys/types.js';
import { credentialRotationSchemas } from './rotate-credential/types.js';
import { extendSchemas, rotationSchemas } from './rotate-key/types.js';
import { secretRotationSchemas } from './rotate-secret/types.js';
import { userKeySchemas } from './rotate-user-key/types.js';

/**
 * How each kind's saved JSON is read, for code that holds a request row outside a step (buttons,
 * App Home, the CLI, Slack messages). The definitions (`WorkflowDefinition.schemas`) use the same
 * objects, so a step and a surface read a row alike.
 */
export const SAVED = {
  'rotate-key': rotationSchemas,
  'revoke-key': rotationSchemas,
  'extend-grace': extendSchemas,
  'import-keys': importSchemas,
  'rotate-secret': secretRotationSchemas,
  'rotate-user-key': userKeySchemas,
  'rotate-credential': credentialRotationSchemas,
} as const satisfies Partial<Record<RequestKind, SavedSchemas>>;

export type SavedKind = keyof typeof SAVED;
export type ParamsOf<K extends SavedKind> = z.infer<(typeof SAVED)[K]['params']>;
export type StateOf<K extends SavedKind> = z.infer<(typeof SAVED)[K]['state']>;

const expect = <K extends SavedKind>(kind: K | readonly K[], r: RequestRecord): K => {
  const kinds: readonly SavedKind[] = typeof kind === 'string' ? [kind] : kind;
  if (!kinds.includes(r.kind as SavedKind))
    throw new KeybotError('INTERNAL', `request ${r.id} is a ${r.kind}, not a ${kinds.join(' or ')}`);
  return r.kind as K;
};

// The two casts below must stay: TS cannot narrow SAVED[K] for a generic K; `expect` checked the kind, so the schema is K's.

/** The request's params, checked against its kind's schema; `kind` is the kind (or kinds) the caller reads. */
export const paramsOf = <K extends SavedKind>(kind: K | readonly K[], r: RequestRecord): ParamsOf<K> =>
  parseSaved(SAVED[expect(kind, r)].params as z.ZodType<ParamsOf<K>>, r, 'params', r.params);

/** The request's state, checked against its kind's schema. */
export const stateOf = <K extends SavedKind>(kind: K | readonly K[], r: RequestRecord): StateOf<K> =>
  parseSaved(SAVED[expect(kind, r)].state as z.ZodType<StateOf<K>>, r, 'state', r.state);

/** A rotation's saved JSON: `/rotate-key` and `/revoke-key` share it. */
export const ROTATION_KINDS = ['rotate-key', 'revoke-key'] as const;

/** `/rotate-secret`, `/rotate-user-key` and `/rotate-credential` keep the same state (credential/types.ts). */
export const CREDENTIAL_KINDS = ['rotate-secret', 'rotate-user-key', 'rotate-credential'] as const;

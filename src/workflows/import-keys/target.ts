import type { ImportSession } from '../../importers/index.js';
import type { Secret } from '../../secret.js';

export interface CreatedItem {
  idx: number;
  handle: Secret;
  keyHash: string | null;
}

export type Presence = { exists: false } | { exists: true; diff: string[] };

/**
 * Where an import writes: Tyk keys (Dashboard or Gateway) or Portal custom credentials. Each
 * answers whether a key is already there (and how it differs), creates it with the same value,
 * and removes what this batch created (Undo).
 */
export interface ImportTarget {
  readonly kind: 'keys' | 'portal';
  /** takes the one listing the batch compares against */
  prepare(): Promise<void>;
  presence(key: Secret, wanted: ImportSession): Promise<Presence>;
  create(
    key: Secret,
    wanted: ImportSession,
    extra: Record<string, unknown> | undefined,
    overwrite: boolean,
  ): Promise<{ handle: Secret; keyHash: string | null }>;
  /** after the batch: the items whose created key Tyk does not show; null when it cannot list */
  missing(created: Iterable<CreatedItem>): Promise<Set<number> | null>;
  /** read-back of one created key by its raw value (also proves the org is right) */
  verify(key: Secret, wanted: ImportSession): Promise<string | null>;
  remove(handle: Secret): Promise<boolean>;
  /** whether the target hashes keys, as far as its listing tells */
  hashing(): string;
}

import { randomBytes } from 'node:crypto';

export type IdKind = 'req' | 'job' | 'rev' | 'vlt' | 'run' | 'inc' | 'scan';

/** Prefixed random IDs (`req_…`) so a log line shows what an ID refers to. */
export const newId = (kind: IdKind): string => `${kind}_${randomBytes(9).toString('base64url')}`;

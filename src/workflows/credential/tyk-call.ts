import { knownError } from '../../describe-error.js';
import { isTykError, type TykErrorKind } from '../../tyk/errors.js';

/**
 * Runs Tyk calls; a failure comes out as a KeybotError a reply or a request thread can show (a
 * TykError in words for people, `knownError`); any other error unchanged.
 */
export async function tykCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw knownError(e) ?? e;
  }
}

/** A read where Tyk's "no such thing" (404 by default) is an answer, not a failure: null. */
export async function tykFind<T>(fn: () => Promise<T>, none: readonly TykErrorKind[] = ['not_found']): Promise<T | null> {
  try {
    return await fn();
  } catch (e) {
    if (isTykError(e) && none.includes(e.kind)) return null;
    throw knownError(e) ?? e;
  }
}

import { KeybotError } from '../../errors.js';
import type { Secret } from '../../secret.js';
import { isTykError, type TykErrorKind } from '../../tyk/errors.js';

/** Failures after which Tyk may have acted: the reply was lost, not necessarily the request. */
const UNCERTAIN: ReadonlySet<TykErrorKind> = new Set(['server', 'timeout', 'network']);

export interface RotationTarget {
  /** "OAuth client secret", for messages */
  what: string;
  /** fingerprint of the value before rotation, recorded at draft time (never the value) */
  oldFingerprint: string;
  /** the current value as Tyk shows it now */
  read(): Promise<Secret>;
  /** the UNSAFE call: every send makes a new value, so the HTTP layer never re-sends it (tyk/retry-policy.ts) */
  rotate(): Promise<unknown>;
  /** added to a Tyk failure of that kind: what it means here and what to do */
  hints?: Partial<Record<TykErrorKind, string>>;
}

/**
 * Rotates at most once however often the step runs. The current value is read first: if its
 * fingerprint already differs from the draft's, an earlier attempt rotated and then crashed or
 * lost the reply, so that value is used as is. A 5xx, timeout or network failure of the rotate
 * call is settled by reading again: changed means the rotation landed; unchanged is a retryable
 * error whose next attempt starts over with the read. A refusal (403, 404, 422) is final.
 */
export async function rotateOnce(t: RotationTarget): Promise<{ value: Secret; resumed: boolean }> {
  const explained = (e: unknown, tail: string): unknown => {
    if (!isTykError(e)) return e;
    const said = e.toKeybotError();
    const hint = t.hints?.[e.kind];
    return new KeybotError(said.code, `${said.userMessage}${hint ? ` ${hint}` : ''} ${tail}`, said.retryable, said.details);
  };
  const read = (tail: string) => t.read().catch((e: unknown) => Promise.reject(explained(e, tail)));

  const current = await read('Nothing was changed.');
  if (current.fingerprint !== t.oldFingerprint) return { value: current, resumed: true };
  try {
    await t.rotate();
  } catch (e) {
    if (!isTykError(e) || !UNCERTAIN.has(e.kind)) throw explained(e, 'Nothing was changed.');
    const after = await read(`Whether the ${t.what} changed is not known yet; the bot reads it again before trying anything else.`);
    if (after.fingerprint !== t.oldFingerprint) return { value: after, resumed: false };
    throw explained(e, `The ${t.what} is unchanged.`);
  }
  const after = await read(`The ${t.what} was probably changed; the bot reads it again before trying anything else.`);
  if (after.fingerprint === t.oldFingerprint) {
    throw new KeybotError(
      'TYK',
      `Tyk answered that it rotated the ${t.what}, but reading it back shows the old one (${t.oldFingerprint}). Nothing else was done.`,
    );
  }
  return { value: after, resumed: false };
}

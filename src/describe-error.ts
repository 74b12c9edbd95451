import { ConfigError } from './config.js';
import { type ErrorCode, isKeybotError, type KeybotError } from './errors.js';
import { newId } from './ids.js';
import type { Log } from './log.js';
import { isTykError } from './tyk/errors.js';

/** What a person is told about a failure, whichever surface shows it (a Slack reply, a job's thread, the CLI). */
export interface DescribedError {
  code: ErrorCode;
  /** safe to show: never a key, token or secret */
  message: string;
  retryable: boolean;
  /** the person did nothing wrong (Tyk, Slack or the settings failed): worth a warning in the log */
  forOperators: boolean;
  /** set for a failure the bot did not expect: its stack is in the log under this ID */
  incident?: string;
}

/** Codes that describe the person's input or permissions: nothing for operators to look at. */
const THEIRS: ReadonlySet<ErrorCode> = new Set(['BAD_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT']);

/** A failure as words: the bot's own errors as they are, Tyk's as the sentence naming the call. */
export function knownError(error: unknown): KeybotError | null {
  if (isTykError(error)) return error.toKeybotError();
  return isKeybotError(error) ? error : null;
}

/**
 * The one place a failure becomes text for people. Known errors (the bot's own, Tyk's refusals,
 * settings) keep their sentence and are not logged here (a batch may fail thousands of keys the
 * same way); anything else gets an incident ID, and its stack is logged under it.
 */
export function describeError(error: unknown, log: Log): DescribedError {
  if (error instanceof ConfigError) return { code: 'NOT_CONFIGURED', message: error.message, retryable: false, forOperators: true };
  const known = knownError(error);
  if (known) return { code: known.code, message: known.userMessage, retryable: known.retryable, forOperators: !THEIRS.has(known.code) };
  const incident = newId('inc');
  log.error({ err: error, incident }, 'unexpected failure');
  return {
    code: 'INTERNAL',
    message: `Something went wrong on our side (incident ${incident}); the details are in the log under that ID.`,
    retryable: false,
    forOperators: true,
    incident,
  };
}

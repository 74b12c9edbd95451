/** Closed set of failure kinds; each surface (Slack reply, job runner, CLI) renders them in one place. */
export type ErrorCode =
  | 'BAD_INPUT' // the user's text, file or click cannot be used; userMessage says how to fix it
  | 'NOT_FOUND' // the key, client, user or request named does not exist
  | 'FORBIDDEN' // the actor may not do this (not an approver, not the recipient, ...)
  | 'CONFLICT' // the state does not allow it (already decided, rotation in progress, ...)
  | 'NOT_CONFIGURED' // the Tyk part this needs (Dashboard, Gateway, Portal) is not configured
  | 'TYK' // Tyk refused or failed; details carry status and path template
  | 'SLACK' // the Slack Web API refused or failed
  | 'INTERNAL';

/**
 * An error whose `userMessage` is safe to show in Slack or a terminal: it never holds a key,
 * token or secret. `details` go to the log only (still no secrets).
 */
export class KeybotError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly userMessage: string,
    readonly retryable = false,
    readonly details: Readonly<Record<string, string | number | boolean>> = {},
  ) {
    super(`${code}: ${userMessage}`);
    this.name = 'KeybotError';
  }
}

export const isKeybotError = (e: unknown): e is KeybotError => e instanceof KeybotError;

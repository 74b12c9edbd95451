import { z } from 'zod';
import { KeybotError } from '../errors.js';
import { type Args, stringFlag } from './args.js';

const MAX_REASON = 500;

/** A Tyk identifier as typed: one word of URL-safe characters. IDs are not secrets, so replies may repeat them. */
const TykId = z.string().regex(/^[A-Za-z0-9._~:@+=-]{1,200}$/);

/** The reason of a request: trimmed, required when REQUIRE_REASON is set, short enough for an approval message. */
export function parseReason(args: Args, requireReason: boolean, usage: string): string {
  const reason = (stringFlag(args, 'reason', usage) ?? '').trim();
  if (requireReason && reason === '') throw new KeybotError('BAD_INPUT', `A reason is required: add --reason "…".\n${usage}`);
  if (reason.length > MAX_REASON)
    throw new KeybotError('BAD_INPUT', `The reason is longer than ${MAX_REASON} characters; keep it short, link to details.`);
  return reason;
}

export function parseTykId(text: string, what: string, usage: string): string {
  if (!TykId.safeParse(text).success)
    throw new KeybotError('BAD_INPUT', `${what} must be one word of letters, digits and . _ ~ : @ + = - (at most 200).\n${usage}`);
  return text;
}

/** The Portal's IDs are integers (docs/tyk-api.md §3). */
export function parsePortalId(text: string, what: string, usage: string): number {
  if (!/^[1-9]\d{0,9}$/.test(text))
    throw new KeybotError('BAD_INPUT', `${what} must be a number like 12 (the Portal's IDs are integers).\n${usage}`);
  return Number(text);
}

/**
 * A flag that takes no value. splitArgs gives a flag the word after it, so `--revoke-tokens API CLIENT`
 * would swallow the API ID; marking the flag with `=yes` first keeps the word positional.
 */
export const markSwitch = (text: string, name: string): string =>
  text.replace(new RegExp(`(^|\\s)(?:--|—)${name}(?=\\s|$)`, 'g'), `$1--${name}=yes`);

export function switchFlag(args: Args, name: string, usage: string): boolean {
  const v = args.flags.get(name);
  if (v === undefined) return false;
  if (v === true || v === 'yes') return true;
  throw new KeybotError('BAD_INPUT', `--${name} takes no value.\n${usage}`);
}

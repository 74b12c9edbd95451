import { z } from 'zod';
import { KeybotError } from '../errors.js';
import { type Args, isHelp, onlyFlags, splitArgs } from './args.js';
import { parseReason } from './credential-args.js';

export const usage = (requireReason: boolean): string =>
  [
    `Usage: \`/rotate-user-key USER_ID_OR_EMAIL ${requireReason ? '--reason "…"' : '[--reason "…"]'}\``,
    '• `USER_ID_OR_EMAIL`: the Tyk Dashboard user, by ID or by email address.',
    `• \`--reason\`: why${requireReason ? ' (required)' : ''}; approvers see it.`,
    "The user's current Dashboard API key stops working at once. After approval the new key goes by DM (Reveal button) to the Slack user with the same email, or to you when there is none.",
  ].join('\n');

export type DashboardUserRef = { kind: 'id'; id: string } | { kind: 'email'; email: string };

export interface RotateUserKeyInput {
  user: DashboardUserRef;
  reason: string;
}

export type RotateUserKeyArgs = { help: true } | ({ help: false } & RotateUserKeyInput);

const Email = z.email();
/** Dashboard user IDs are Mongo ObjectIds in practice; accept any plain word. */
const UserId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export function parseRotateUserKey(text: string, requireReason: boolean): RotateUserKeyArgs {
  if (isHelp(text)) return { help: true };
  return { help: false, ...rotateUserKeyFromArgs(splitArgs(text, usage(requireReason)), requireReason) };
}

export function rotateUserKeyFromArgs(args: Args, requireReason: boolean): RotateUserKeyInput {
  const help = usage(requireReason);
  onlyFlags(args, ['reason'], help);
  if (args.positional.length !== 1)
    throw new KeybotError('BAD_INPUT', `Give one Dashboard user ID or email (quote the reason: --reason "…").\n${help}`);
  // With should_escape (manifest.yml) Slack sends an email as <mailto:a@b.c|a@b.c>.
  const given = (args.positional[0] as string).replace(/^<mailto:([^|>]+)(?:\|[^>]*)?>$/, '$1');
  const reason = parseReason(args, requireReason, help);
  if (given.includes('@')) {
    if (!Email.safeParse(given).success) throw new KeybotError('BAD_INPUT', `"${given}" is not an email address.\n${help}`);
    return { user: { kind: 'email', email: given }, reason };
  }
  if (!UserId.safeParse(given).success)
    throw new KeybotError('BAD_INPUT', `A Dashboard user ID is one word of letters and digits, like 5e9d9544a1dcd60001d0ed21.\n${help}`);
  return { user: { kind: 'id', id: given }, reason };
}

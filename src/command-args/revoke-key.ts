import { type Args, isHelp, onlyFlags, splitArgs } from './args.js';
import { parseReason } from './credential-args.js';
import { type KeyInput, onePositional, parseKeyInput } from './rotate-key.js';

export const usage = [
  'Usage: `/revoke-key KEY --reason "…"`',
  '• `KEY`: the key value your consumer sends, its Tyk key ID, or `hash:<key_hash>`. Replies never repeat it.',
  '• `--reason`: why (required); approvers see it.',
  'For a leaked key that needs no replacement: after approval the key stops working at once (deleted, or expired when OLD_KEY_ACTION=expire, which keeps Restore possible). No new key is made.',
].join('\n');

export type RevokeKeyArgs = { help: true } | { help: false; key: KeyInput; reason: string };

export function parseRevokeKey(text: string): RevokeKeyArgs {
  if (isHelp(text)) return { help: true };
  return revokeKeyFromArgs(splitArgs(text, usage));
}

/** Shared with the CLI, which splits its own argv. */
export function revokeKeyFromArgs(args: Args): Extract<RevokeKeyArgs, { help: false }> {
  onlyFlags(args, ['reason'], usage);
  const raw = onePositional(args, usage);
  return { help: false, key: parseKeyInput(raw, usage), reason: parseReason(args, true, usage) };
}

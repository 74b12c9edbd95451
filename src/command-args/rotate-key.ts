import { formatDuration } from '../duration.js';
import { KeybotError } from '../errors.js';
import { Secret } from '../secret.js';
import { type Args, isHelp, onlyFlags, splitArgs, stringFlag } from './args.js';
import { markSwitch, parseReason, switchFlag } from './credential-args.js';
import { type GraceBounds, parseGrace } from './grace.js';

export const usage = (g: GraceBounds & { defaultMs: number }, requireReason: boolean): string =>
  [
    `Usage: \`/rotate-key KEY [--grace ${formatDuration(g.defaultMs)}] ${requireReason ? '--reason "…"' : '[--reason "…"]'}\` or \`/rotate-key KEY --now --reason "…"\``,
    '• `KEY`: the key value your consumer sends, its Tyk key ID, or `hash:<key_hash>`. Replies never repeat it.',
    `• \`--grace\`: how long both keys work before the old one is retired (${formatDuration(g.minMs)} to ${formatDuration(g.maxMs)}; default ${formatDuration(g.defaultMs)}).`,
    `• \`--reason\`: why${requireReason ? ' (required)' : ''}; approvers see it.`,
    '• `--now`: emergency (a leaked key): no grace, the old key stops working as soon as the rotation is approved. `--reason` is required.',
    'After approval you get the new key by DM (Reveal button); reminders go to the team before the old key is retired.',
  ].join('\n');

export type KeyInput = { kind: 'value'; value: Secret } | { kind: 'hash'; hash: Secret };

/** `graceExplicit`: --grace was given, so it wins over a rotation rule's grace. */
export type RotateKeyArgs =
  | { help: true }
  | { help: false; key: KeyInput; graceMs: number; reason: string; now: boolean; graceExplicit?: boolean };

export interface RotateKeyRules {
  grace: GraceBounds & { defaultMs: number };
  requireReason: boolean;
}

export function parseRotateKey(text: string, rules: RotateKeyRules): RotateKeyArgs {
  if (isHelp(text)) return { help: true };
  return rotateKeyFromArgs(splitArgs(markSwitch(text, 'now'), usage(rules.grace, rules.requireReason)), rules);
}

/** The same rules over arguments already split (the CLI's argv). */
export function rotateKeyFromArgs(args: Args, rules: RotateKeyRules): Extract<RotateKeyArgs, { help: false }> {
  const help = usage(rules.grace, rules.requireReason);
  onlyFlags(args, ['grace', 'reason', 'now'], help);
  const now = switchFlag(args, 'now', help);
  const raw = onePositional(args, help);
  const grace = stringFlag(args, 'grace', help);
  const reason = parseReason(args, rules.requireReason || now, help); // a leaked key always gets a why
  if (now && grace !== undefined)
    throw new KeybotError('BAD_INPUT', `--now retires the old key at once, so it takes no --grace; give one or the other.\n${help}`);
  const graceMs = now ? 0 : grace === undefined ? rules.grace.defaultMs : parseGrace(grace, rules.grace, help);
  return { help: false, key: parseKeyInput(raw, help), graceMs, reason, now, graceExplicit: grace !== undefined };
}

/** The one KEY argument of /rotate-key and /revoke-key. */
export function onePositional(args: Args, help: string): string {
  if (args.positional.length === 0)
    throw new KeybotError('BAD_INPUT', `Which key? Give the key, its Tyk key ID or hash:<key_hash>.\n${help}`);
  if (args.positional.length > 1) throw new KeybotError('BAD_INPUT', `Give one key at a time (quote the reason: --reason "…").\n${help}`);
  return args.positional[0] as string;
}

export function parseKeyInput(raw: string, help: string): KeyInput {
  const key: KeyInput = raw.startsWith('hash:')
    ? { kind: 'hash', hash: new Secret(raw.slice(5)) }
    : { kind: 'value', value: new Secret(raw) };
  if ((key.kind === 'hash' ? key.hash : key.value).reveal().length === 0) throw new KeybotError('BAD_INPUT', `The key is empty.\n${help}`);
  return key;
}

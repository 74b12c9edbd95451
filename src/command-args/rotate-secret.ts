import { KeybotError } from '../errors.js';
import { type Args, isHelp, onlyFlags, splitArgs } from './args.js';
import { markSwitch, parseReason, parseTykId, switchFlag } from './credential-args.js';

export const usage = (requireReason: boolean): string =>
  [
    `Usage: \`/rotate-secret API_ID CLIENT_ID [--revoke-tokens] ${requireReason ? '--reason "…"' : '[--reason "…"]'}\``,
    '• `API_ID`, `CLIENT_ID`: the OAuth API in the Tyk Gateway and the client whose secret is replaced.',
    '• `--revoke-tokens`: also revoke every access and refresh token the client has issued (its users sign in again).',
    `• \`--reason\`: why${requireReason ? ' (required)' : ''}; approvers see it.`,
    'The old secret stops working the moment the new one is made: Tyk has no overlap for client secrets. After approval you get the new secret by DM (Reveal button).',
  ].join('\n');

export interface RotateSecretInput {
  apiId: string;
  clientId: string;
  revokeTokens: boolean;
  reason: string;
}

export type RotateSecretArgs = { help: true } | ({ help: false } & RotateSecretInput);

export function parseRotateSecret(text: string, requireReason: boolean): RotateSecretArgs {
  if (isHelp(text)) return { help: true };
  return { help: false, ...rotateSecretFromArgs(splitArgs(markSwitch(text, 'revoke-tokens'), usage(requireReason)), requireReason) };
}

/** Shared with the CLI, which splits its own argv. */
export function rotateSecretFromArgs(args: Args, requireReason: boolean): RotateSecretInput {
  const help = usage(requireReason);
  onlyFlags(args, ['revoke-tokens', 'reason'], help);
  if (args.positional.length !== 2)
    throw new KeybotError('BAD_INPUT', `Give the API ID and the OAuth client ID (quote the reason: --reason "…").\n${help}`);
  const [apiId, clientId] = args.positional as [string, string];
  return {
    apiId: parseTykId(apiId, 'API_ID', help),
    clientId: parseTykId(clientId, 'CLIENT_ID', help),
    revokeTokens: switchFlag(args, 'revoke-tokens', help),
    reason: parseReason(args, requireReason, help),
  };
}

import { KeybotError } from '../errors.js';
import { type Args, isHelp, onlyFlags, splitArgs } from './args.js';
import { parsePortalId, parseReason } from './credential-args.js';

export const usage = (requireReason: boolean): string =>
  [
    `Usage: \`/rotate-credential APP_ID ACCESS_REQUEST_ID CREDENTIAL_ID ${requireReason ? '--reason "…"' : '[--reason "…"]'}\``,
    '• `APP_ID`, `ACCESS_REQUEST_ID`, `CREDENTIAL_ID`: the Developer Portal app, its access request and the credential to replace (numbers).',
    `• \`--reason\`: why${requireReason ? ' (required)' : ''}; approvers see it.`,
    "The portal cuts the old credential at once. After approval the new one goes by DM (Reveal button) to you and to the app's developer when their email is a Slack user's.",
  ].join('\n');

export interface RotateCredentialInput {
  appId: number;
  accessRequestId: number;
  credentialId: number;
  reason: string;
}

export type RotateCredentialArgs = { help: true } | ({ help: false } & RotateCredentialInput);

export function parseRotateCredential(text: string, requireReason: boolean): RotateCredentialArgs {
  if (isHelp(text)) return { help: true };
  return { help: false, ...rotateCredentialFromArgs(splitArgs(text, usage(requireReason)), requireReason) };
}

export function rotateCredentialFromArgs(args: Args, requireReason: boolean): RotateCredentialInput {
  const help = usage(requireReason);
  onlyFlags(args, ['reason'], help);
  if (args.positional.length !== 3)
    throw new KeybotError(
      'BAD_INPUT',
      `Give the app ID, the access request ID and the credential ID (quote the reason: --reason "…").\n${help}`,
    );
  const [app, ar, cred] = args.positional as [string, string, string];
  return {
    appId: parsePortalId(app, 'APP_ID', help),
    accessRequestId: parsePortalId(ar, 'ACCESS_REQUEST_ID', help),
    credentialId: parsePortalId(cred, 'CREDENTIAL_ID', help),
    reason: parseReason(args, requireReason, help),
  };
}

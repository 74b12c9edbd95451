import { runCredentialCli } from './credential-command.js';
import type { CliIo, ExitCode } from './output.js';
import { rotateCredentialCli } from './rotate-credential.js';
import { rotateSecretCli } from './rotate-secret.js';
import { rotateUserKeyCli } from './rotate-user-key.js';

export const CREDENTIAL_USAGE = `  rotate-secret API_ID CLIENT_ID [--revoke-tokens]   rotate an OAuth client secret (Gateway)
  rotate-user-key USER_ID_OR_EMAIL                   reset a Dashboard user's API key
  rotate-credential APP_ID AR_ID CREDENTIAL_ID       rotate a Developer Portal credential
      each takes [--reason "…"] [--secret-file PATH] [--json]; see <command> --help`;

/** Runs `tyk-keybot rotate-secret | rotate-user-key | rotate-credential`; null for any other command. */
export function runCredentialCommand(
  command: string | undefined,
  argv: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  actor: string,
): Promise<ExitCode> | null {
  switch (command) {
    case 'rotate-secret':
      return runCredentialCli(rotateSecretCli, argv, io, env, actor);
    case 'rotate-user-key':
      return runCredentialCli(rotateUserKeyCli, argv, io, env, actor);
    case 'rotate-credential':
      return runCredentialCli(rotateCredentialCli, argv, io, env, actor);
    default:
      return null;
  }
}

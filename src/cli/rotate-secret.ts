import { rotateSecretFromArgs } from '../../commands/rotate-secret.js';
import type { SecretRotationParams } from '../workflows/rotate-secret/types.js';
import type { CredentialCli } from './credential-command.js';
import { credentialUsage } from './value-options.js';

/** `tyk-keybot rotate-secret API_ID CLIENT_ID [--revoke-tokens] [--reason "…"] [--secret-file PATH] [--json]` */
export const rotateSecretCli: CredentialCli<ReturnType<typeof rotateSecretFromArgs>> = {
  usage: credentialUsage(
    'rotate-secret API_ID CLIENT_ID [--revoke-tokens]',
    'Rotates an OAuth client secret on the Tyk Gateway; the old secret stops working at once.\n--revoke-tokens also revokes every token the client has issued.',
  ),
  switches: ['revoke-tokens'],
  fromArgs: rotateSecretFromArgs,
  draft: (w, args, actor) => w.secrets.rotateSecret(args, actor, true),
  identifiers: (r) => {
    const p = r.params as SecretRotationParams;
    return { api_id: p.apiId, client_id: p.clientId, fingerprint_of_old_value: p.fingerprint };
  },
};

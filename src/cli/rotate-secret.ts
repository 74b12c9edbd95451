import { type RotateSecretInput, rotateSecretFromArgs } from '../command-args/rotate-secret.js';
import { paramsOf } from '../workflows/saved.js';
import type { CredentialCli } from './credential-command.js';

/** `tyk-keybot rotate-secret API_ID CLIENT_ID [--revoke-tokens] [--reason "…"] [--secret-file PATH] [--json]` */
export const rotateSecretCli: CredentialCli<RotateSecretInput> = {
  name: 'rotate-secret',
  args: 'API_ID CLIENT_ID',
  summary: 'rotate an OAuth client secret on the Tyk Gateway (the old secret stops working at once)',
  about: `Rotates the secret of an OAuth client on the Tyk Gateway; the old secret stops working at once.`,
  switches: [{ name: 'revoke-tokens', help: 'also revoke every token the client has issued' }],
  needs: 'KEYBOT_SECRET_KEY, KEYBOT_DB, TYK_GATEWAY_URL and TYK_GATEWAY_SECRET',
  example: 'tyk-keybot rotate-secret orders-api 4f2a9c --revoke-tokens --reason "yearly" --secret-file ./client-secret',
  fromArgs: rotateSecretFromArgs,
  draft: (w, args, actor) => w.secrets.rotateSecret(args, actor, true),
  identifiers: (r) => {
    const p = paramsOf('rotate-secret', r);
    return { api_id: p.apiId, client_id: p.clientId };
  },
};

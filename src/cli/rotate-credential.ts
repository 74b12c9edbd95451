import { type RotateCredentialInput, rotateCredentialFromArgs } from '../command-args/rotate-credential.js';
import { paramsOf } from '../workflows/saved.js';
import type { CredentialCli } from './credential-command.js';

/** `tyk-keybot rotate-credential APP_ID ACCESS_REQUEST_ID CREDENTIAL_ID [--reason "…"] [--secret-file PATH] [--json]` */
export const rotateCredentialCli: CredentialCli<RotateCredentialInput> = {
  name: 'rotate-credential',
  args: 'APP_ID ACCESS_REQUEST_ID CREDENTIAL_ID',
  summary: 'rotate a Developer Portal app credential (the portal cuts the old one at once)',
  about: 'Rotates a Developer Portal app credential; the portal cuts the old one at once.',
  switches: [],
  needs: 'KEYBOT_SECRET_KEY, KEYBOT_DB, TYK_PORTAL_URL and TYK_PORTAL_TOKEN',
  example: 'tyk-keybot rotate-credential 12 34 56 --json --secret-file ./portal-credential',
  fromArgs: rotateCredentialFromArgs,
  draft: (w, args, actor) => w.secrets.rotateCredential(args, actor, true),
  identifiers: (r) => {
    const p = paramsOf('rotate-credential', r);
    return {
      app_id: p.appId,
      access_request_id: p.accessRequestId,
      credential_id: p.credentialId,
    };
  },
};

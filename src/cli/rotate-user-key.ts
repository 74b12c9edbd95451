import { rotateUserKeyFromArgs } from '../../commands/rotate-user-key.js';
import type { UserKeyParams } from '../workflows/rotate-user-key/types.js';
import type { CredentialCli } from './credential-command.js';
import { credentialUsage } from './value-options.js';

/** `tyk-keybot rotate-user-key USER_ID_OR_EMAIL [--reason "…"] [--secret-file PATH] [--json]` */
export const rotateUserKeyCli: CredentialCli<ReturnType<typeof rotateUserKeyFromArgs>> = {
  usage: credentialUsage('rotate-user-key USER_ID_OR_EMAIL', "Resets a Tyk Dashboard user's API key; the old key stops working at once."),
  switches: [],
  fromArgs: rotateUserKeyFromArgs,
  draft: (w, args, actor) => w.secrets.rotateUserKey(args, actor, true),
  identifiers: (r) => {
    const p = r.params as UserKeyParams;
    return { user_id: p.userId, email: p.email, fingerprint_of_old_value: p.fingerprint };
  },
};

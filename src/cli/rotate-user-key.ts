import { type RotateUserKeyInput, rotateUserKeyFromArgs } from '../command-args/rotate-user-key.js';
import { paramsOf } from '../workflows/saved.js';
import type { CredentialCli } from './credential-command.js';

/** `tyk-keybot rotate-user-key USER_ID_OR_EMAIL [--reason "…"] [--secret-file PATH] [--json]` */
export const rotateUserKeyCli: CredentialCli<RotateUserKeyInput> = {
  name: 'rotate-user-key',
  args: 'USER_ID_OR_EMAIL',
  summary: "reset a Tyk Dashboard user's API key (the old key stops working at once)",
  about: "Resets a Tyk Dashboard user's API key; the old key stops working at once.",
  switches: [],
  needs: 'KEYBOT_SECRET_KEY, KEYBOT_DB, TYK_DASHBOARD_URL and TYK_DASHBOARD_API_KEY',
  example: 'tyk-keybot rotate-user-key ci-robot@example.com --reason "yearly" --secret-file ./dashboard-key',
  fromArgs: rotateUserKeyFromArgs,
  draft: (w, args, actor) => w.secrets.rotateUserKey(args, actor, true),
  identifiers: (r) => {
    const p = paramsOf('rotate-user-key', r);
    return { user_id: p.userId, email: p.email };
  },
};

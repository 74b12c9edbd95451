import { parseRotateUserKey, usage } from '../../command-args/rotate-user-key.js';
import { requestCommand } from './request-command.js';

/** `/rotate-user-key USER_ID_OR_EMAIL [--reason "…"]` */
export const rotateUserKeyCommand = requestCommand({
  parse: (text, config) => parseRotateUserKey(text, config.requireReason),
  usage: (config) => usage(config.requireReason),
  draft: (deps, args, user) => deps.workflows.secrets.rotateUserKey(args, user),
  after:
    "after approval the new key goes by DM (Reveal button) to the Slack user with the Dashboard user's email, or to you when there is none.",
});

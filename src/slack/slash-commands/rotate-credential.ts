import { parseRotateCredential, usage } from '../../command-args/rotate-credential.js';
import { requestCommand } from './request-command.js';

/** `/rotate-credential APP_ID ACCESS_REQUEST_ID CREDENTIAL_ID [--reason "…"]` */
export const rotateCredentialCommand = requestCommand({
  parse: (text, config) => parseRotateCredential(text, config.requireReason),
  usage: (config) => usage(config.requireReason),
  draft: (deps, args, user) => deps.workflows.secrets.rotateCredential(args, user),
  after: "after approval you, and the app's developer when they are on Slack, get the new credential by DM (Reveal button).",
});

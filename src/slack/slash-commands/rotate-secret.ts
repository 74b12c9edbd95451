import { parseRotateSecret, usage } from '../../command-args/rotate-secret.js';
import { requestCommand } from './request-command.js';

/** `/rotate-secret API_ID CLIENT_ID [--revoke-tokens] [--reason "…"]` */
export const rotateSecretCommand = requestCommand({
  parse: (text, config) => parseRotateSecret(text, config.requireReason),
  usage: (config) => usage(config.requireReason),
  draft: (deps, args, user) => deps.workflows.secrets.rotateSecret(args, user),
  after: 'after approval you get the new secret by DM (Reveal button).',
});

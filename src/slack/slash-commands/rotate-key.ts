import { parseRotateKey, usage } from '../../command-args/rotate-key.js';
import type { Config } from '../../config.js';
import { requestCommand } from './request-command.js';

const rules = (config: Config) => ({ grace: config.grace, requireReason: config.requireReason });

/** `/rotate-key KEY [--grace 7d] [--reason "…"]`: acks at once, then looks the key up and asks for approval. */
export const rotateKeyCommand = requestCommand({
  parse: (text, config) => parseRotateKey(text, rules(config)),
  usage: (config) => usage(rules(config).grace, config.requireReason),
  draft: (deps, args, user) => deps.workflows.rotation.draft(args, user),
  after: 'after approval you get the new key by DM.',
});

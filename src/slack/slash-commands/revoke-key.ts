import { parseRevokeKey, usage } from '../../command-args/revoke-key.js';
import { requestCommand } from './request-command.js';

/** `/revoke-key KEY --reason "…"`: a leaked key that needs no replacement; it stops working on approval. */
export const revokeKeyCommand = requestCommand({
  parse: (text) => parseRevokeKey(text),
  usage: () => usage,
  draft: (deps, args, user) => deps.workflows.revocation.draft(args, user),
  after: 'after approval the key stops working at once, and you are told when Tyk refuses it.',
});

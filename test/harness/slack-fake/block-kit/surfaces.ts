import { blockProblems, fail, type Reply } from '../reply.js';
import { checkBlocks, hasInputBlock } from './blocks.js';
import { Issues, isObject } from './issues.js';
import { LIMITS } from './limits.js';

export interface MessageContent {
  text?: unknown;
  blocks?: unknown;
  attachments?: unknown;
}

/**
 * The checks chat.postMessage, chat.postEphemeral, chat.update and response_url posts share:
 * invalid_blocks_format when blocks is not a JSON array, msg_too_long over 40,000 characters of
 * text, no_text when there is nothing to show, invalid_blocks with every Block Kit problem.
 */
export function checkMessage(m: MessageContent): Reply | undefined {
  if (m.blocks !== undefined && !Array.isArray(m.blocks)) return fail('invalid_blocks_format');
  const text = typeof m.text === 'string' ? m.text : '';
  if ([...text].length > LIMITS.messageText) return fail('msg_too_long');
  const blocks = (m.blocks as unknown[] | undefined) ?? [];
  const attachments = Array.isArray(m.attachments) ? m.attachments : [];
  if (text === '' && blocks.length === 0 && attachments.length === 0) return fail('no_text');
  const issues = new Issues();
  if (blocks.length > LIMITS.messageBlocks) issues.add('/blocks', `no more than ${LIMITS.messageBlocks} items allowed`);
  checkBlocks(blocks, '/blocks', issues);
  return issues.ok ? undefined : blockProblems('invalid_blocks', issues.list, true);
}

/** views.open/push/update take a modal, views.publish a home tab; problems are invalid_arguments. */
export function checkView(view: unknown, kind: 'modal' | 'home'): Reply | undefined {
  const issues = new Issues();
  if (!isObject(view)) {
    issues.add('/view', 'must provide an object');
    return blockProblems('invalid_arguments', issues.list, false);
  }
  if (Buffer.byteLength(JSON.stringify(view)) > LIMITS.viewBytes) return fail('view_too_large');
  if (view.type !== kind) issues.add('/view/type', 'must be a valid enum value');
  const blocks = issues.items(view, 'blocks', '/view', LIMITS.viewBlocks, 0, true);
  checkBlocks(blocks, '/view/blocks', issues);
  issues.string(view, 'private_metadata', '/view', LIMITS.privateMetadata);
  issues.string(view, 'callback_id', '/view', LIMITS.callbackId);
  issues.string(view, 'external_id', '/view', LIMITS.externalId);
  if (kind === 'modal') {
    issues.text(view, 'title', '/view', LIMITS.modalTitle, { plainOnly: true, required: true });
    issues.text(view, 'submit', '/view', LIMITS.modalButton, { plainOnly: true });
    issues.text(view, 'close', '/view', LIMITS.modalButton, { plainOnly: true });
    if (view.submit === undefined && hasInputBlock(blocks)) issues.add('/view', 'missing required field: submit');
  }
  return issues.ok ? undefined : blockProblems('invalid_arguments', issues.list, false);
}

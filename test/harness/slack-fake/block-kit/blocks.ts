import { checkElement, checkImage } from './elements.js';
import { type Issues, isObject, type Json } from './issues.js';
import { LIMITS } from './limits.js';

/** Blocks whose inside the fake passes through unchecked: rich text and media are not built by the bot. */
const PASS_THROUGH = ['rich_text', 'file', 'video', 'markdown', 'table'];

/**
 * Walks an array of blocks (a message's, a modal's or a home tab's) and adds every problem to
 * `issues`. block_id must be unique within the surface; action_id within its block.
 */
export function checkBlocks(blocks: unknown[], pointer: string, issues: Issues): void {
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${pointer}/${i}`;
    if (!isObject(block)) return issues.add(at, 'must provide an object');
    issues.string(block, 'block_id', at, LIMITS.blockId);
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) issues.add(`${at}/block_id`, `duplicate block_id: ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    checkBlock(block, at, issues);
  });
}

function checkBlock(block: Json, at: string, issues: Issues): void {
  const actionIds = new Set<string>();
  switch (block.type) {
    case 'section': {
      issues.text(block, 'text', at, LIMITS.sectionText);
      const fields = issues.items(block, 'fields', at, LIMITS.sectionFields);
      fields.forEach((f, i) => issues.textObject(f, `${at}/fields/${i}`, LIMITS.sectionFieldText, false));
      if (block.text === undefined && fields.length === 0) issues.add(at, 'missing required field: text');
      if (block.accessory !== undefined) checkElement(block.accessory, `${at}/accessory`, 'accessory', issues, actionIds);
      return;
    }
    case 'header':
      return issues.text(block, 'text', at, LIMITS.headerText, { plainOnly: true, required: true });
    case 'divider':
      return;
    case 'context':
      issues.items(block, 'elements', at, LIMITS.contextElements, 1, true).forEach((el, i) => {
        const elAt = `${at}/elements/${i}`;
        if (isObject(el) && el.type === 'image') return checkImage(el, elAt, issues);
        issues.textObject(el, elAt, LIMITS.sectionText, false);
      });
      return;
    case 'actions':
      issues
        .items(block, 'elements', at, LIMITS.actionsElements, 1, true)
        .forEach((el, i) => checkElement(el, `${at}/elements/${i}`, 'actions', issues, actionIds));
      return;
    case 'input':
      issues.text(block, 'label', at, LIMITS.inputLabel, { plainOnly: true, required: true });
      issues.text(block, 'hint', at, LIMITS.inputHint, { plainOnly: true });
      if (block.element === undefined) return issues.add(at, 'missing required field: element');
      return checkElement(block.element, `${at}/element`, 'input', issues, actionIds);
    case 'image':
      checkImage(block, at, issues);
      return issues.text(block, 'title', at, LIMITS.imageTitle, { plainOnly: true });
    default:
      if (typeof block.type === 'string' && PASS_THROUGH.includes(block.type)) return;
      issues.add(`${at}/type`, `unsupported block type: ${String(block.type ?? '(none)')}`);
  }
}

export function hasInputBlock(blocks: unknown[]): boolean {
  return blocks.some((b) => isObject(b) && b.type === 'input');
}

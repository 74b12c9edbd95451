import { isObject, type Json } from './block-kit/issues.js';

export interface FoundButton {
  element: Json;
  blockId: string;
  actionId: string;
}

/**
 * The button a person would click, found by its exact visible label in an actions block or a
 * section accessory. Blocks and buttons the app left without IDs get ones the way Slack fills
 * them in. Throws, naming the labels that are there, when no button has this label. Where several
 * buttons share a label (an App Home listing many requests), `blockId` says which one.
 */
export function findButton(blocks: unknown, label: string, blockId?: string): FoundButton {
  const found: FoundButton[] = [];
  const labels: string[] = [];
  (Array.isArray(blocks) ? blocks : []).forEach((block, bi) => {
    if (!isObject(block)) return;
    const candidates =
      block.type === 'actions' && Array.isArray(block.elements)
        ? block.elements
        : block.type === 'section' && block.accessory !== undefined
          ? [block.accessory]
          : [];
    candidates.forEach((el, ei) => {
      if (!isObject(el) || el.type !== 'button' || !isObject(el.text)) return;
      const text = String(el.text.text);
      labels.push(text);
      if (text !== label || (blockId !== undefined && block.block_id !== blockId)) return;
      found.push({
        element: el,
        blockId: typeof block.block_id === 'string' ? block.block_id : `b${bi}`,
        actionId: typeof el.action_id === 'string' ? el.action_id : `a${bi}.${ei}`,
      });
    });
  });
  const [first] = found;
  if (!first) {
    const present = labels.length ? labels.map((l) => `"${l}"`).join(', ') : 'no buttons at all';
    const where = blockId === undefined ? '' : ` in block ${blockId}`;
    throw new Error(`no button labelled "${label}"${where}; the buttons there are: ${present}`);
  }
  if (found.length > 1) {
    const ids = found.map((f) => f.blockId).join(', ');
    throw new Error(`${found.length} buttons are labelled "${label}" (blocks ${ids}); pass blockId to pick one`);
  }
  return first;
}

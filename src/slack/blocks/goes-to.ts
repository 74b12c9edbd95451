import type { SectionBlock } from '@slack/types';
import type { GoesTo } from '../../store/requests.js';
import { joinMd, md, mention, section } from './kit.js';

/**
 * The `Goes to` field of every approval message of a request that creates a secret
 * (docs/design.md "Who gets a new secret"): approvers see who will hold the new value, and why when
 * it is not the owner. One builder, so every request kind renders it the same way. Only well-formed
 * Slack user IDs become mentions; anything else (a CLI actor) is shown escaped.
 */
export function goesToBlocks(g: GoesTo | undefined): SectionBlock[] {
  if (!g) return [];
  const blocks: SectionBlock[] = [section(md`*Goes to*\n${joinMd(g.to.map(mention), md`, `)}`)];
  if (g.note) blocks.push(section(md`:warning: ${g.note}`));
  return blocks;
}

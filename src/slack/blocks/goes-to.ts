import type { SectionBlock } from '@slack/types';
import type { GoesTo } from '../../store/requests.js';
import { escapeText, section } from './kit.js';

/** Only well-formed Slack user IDs become mentions; anything else (a CLI actor) is shown escaped. */
const who = (user: string): string => (/^[UW][A-Z0-9]+$/.test(user) ? `<@${user}>` : escapeText(user));

/**
 * The `Goes to` field of every approval message of a request that creates a secret
 * (docs/design.md "Who gets a new secret"): approvers see who will hold the new value, and why when
 * it is not the owner. One builder, so every request kind renders it the same way.
 */
export function goesToBlocks(g: GoesTo | undefined): SectionBlock[] {
  if (!g) return [];
  const blocks: SectionBlock[] = [section(`*Goes to*\n${g.to.map(who).join(', ')}`)];
  if (g.note) blocks.push(section(`:warning: ${escapeText(g.note)}`));
  return blocks;
}

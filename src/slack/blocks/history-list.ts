import type { KnownBlock } from '@slack/types';
import type { RequestHistory } from '../../workflows/history-query.js';
import { clip, context, divider, escapeText, formatTime, type SlackMessage, section } from './kit.js';

const describeData = (data: Record<string, unknown>): string => {
  const parts = Object.entries(data)
    .filter(([, v]) => v !== undefined && v !== null && v !== '' && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
};

/** /key-history reply: each request with who asked, who approved, what changed and when. */
export function historyList(found: RequestHistory[], what: string): SlackMessage {
  if (found.length === 0)
    return { text: `No requests found for ${what}.`, blocks: [section(`No requests found for ${escapeText(what)}.`)] };
  const blocks: KnownBlock[] = [
    section(`*History for ${escapeText(what)}* (${found.length} request${found.length === 1 ? '' : 's'}, newest first)`),
  ];
  for (const { request: r, entries, hidden } of found) {
    if (hidden) {
      blocks.push(
        divider(),
        section(
          `*${escapeText(r.summary.title)}* · ${r.status}\n_Its steps are shown to approvers, its requester and the people it went to._`,
        ),
        context(`${r.id}`),
      );
      continue;
    }
    const lines = entries.map(
      (e) =>
        `${formatTime(e.at)} · *${e.event}* by ${e.actor.startsWith('U') || e.actor.startsWith('W') ? `<@${e.actor}>` : escapeText(e.actor)}${escapeText(describeData(e.data))}`,
    );
    blocks.push(
      divider(),
      section(clip(`*${escapeText(r.summary.title)}* · ${r.status}\n${lines.join('\n')}`, 3000)),
      context(`${r.id} · requested by <@${r.requester}>`),
    );
  }
  return { text: `History for ${what}: ${found.length} request(s)`, blocks: blocks.slice(0, 50) };
}

import type { KnownBlock } from '@slack/types';
import type { RequestHistory } from '../../workflows/history-query.js';
import { actorText, clip, context, divider, formatTime, joinMd, md, message, SECTION_MAX, type SlackMessage, section } from './kit.js';

const describeData = (data: Record<string, unknown>): string => {
  const parts = Object.entries(data)
    .filter(([, v]) => v !== undefined && v !== null && v !== '' && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
};

/** /key-history reply: each request with who asked, who approved, what changed and when. */
export function historyList(found: RequestHistory[], what: string): SlackMessage {
  if (found.length === 0) return message(md`No requests found for ${what}.`, [section(md`No requests found for ${what}.`)]);
  const blocks: KnownBlock[] = [section(md`*History for ${what}* (${found.length} request${found.length === 1 ? '' : 's'}, newest first)`)];
  for (const { request: r, entries, hidden } of found) {
    if (hidden) {
      blocks.push(
        divider(),
        section(md`*${r.summary.title}* · ${r.status}\n_Its steps are shown to approvers, its requester and the people it went to._`),
        context(md`${r.id}`),
      );
      continue;
    }
    const lines = entries.map((e) => md`${formatTime(e.at)} · *${e.event}* by ${actorText(e.actor)}${describeData(e.data)}`);
    blocks.push(
      divider(),
      section(clip(md`*${r.summary.title}* · ${r.status}\n${joinMd(lines, md`\n`)}`, SECTION_MAX)),
      context(md`${r.id} · requested by ${actorText(r.requester)}`),
    );
  }
  return message(md`History for ${what}: ${found.length} request(s)`, blocks.slice(0, 50));
}

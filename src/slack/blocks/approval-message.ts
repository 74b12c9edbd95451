import type { RequestRecord } from '../../store/requests.js';
import { isEmergency } from '../../workflows/emergency.js';
import { ACTION, LABEL } from '../ids.js';
import { emergencyLine } from './emergency-messages.js';
import { goesToBlocks } from './goes-to.js';
import { actions, actorText, button, context, escapeText, fieldsSection, formatTime, type SlackMessage, section } from './kit.js';

export interface Decided {
  decision: 'approved' | 'rejected' | 'expired' | 'cancelled';
  by: string[];
  at: number;
  reason?: string;
}

const headline = (r: RequestRecord): string => `*${escapeText(r.summary.title)}* requested by ${actorText(r.requester)}`;

function body(r: RequestRecord) {
  const blocks = [...(isEmergency(r) ? [section(emergencyLine(r))] : []), section(headline(r))];
  if (r.reason) blocks.push(section(`*Reason*\n>${escapeText(r.reason).replace(/\n/g, '\n>')}`));
  if (r.summary.fields.length > 0) blocks.push(fieldsSection(r.summary.fields));
  blocks.push(...goesToBlocks(r.summary.goesTo));
  for (const w of r.summary.warnings ?? []) blocks.push(section(`:warning: ${escapeText(w)}`));
  return blocks;
}

/** The message approvers act on: what is asked, by whom, why, and the two buttons. */
export function approvalMessage(r: RequestRecord, votes: { approvers: string[]; needed: number } | null = null): SlackMessage {
  const progress = votes
    ? ` · approved so far by ${votes.approvers.map((u) => `<@${u}>`).join(', ')} (${votes.approvers.length} of ${votes.needed})`
    : '';
  return {
    text: `${isEmergency(r) ? 'EMERGENCY: ' : ''}${r.summary.title} requested by ${actorText(r.requester)} (${r.id})`,
    blocks: [
      ...body(r),
      context(`${r.id} · waiting for approval until ${formatTime(r.expiresAt)}${progress}`),
      actions(`decide:${r.id}`, [
        button(LABEL.approve, ACTION.approve, r.id, 'primary'),
        button(LABEL.reject, ACTION.reject, r.id, 'danger'),
      ]),
    ],
  };
}

const outcomeText: Record<Decided['decision'], string> = {
  approved: ':white_check_mark: Approved',
  rejected: ':no_entry: Rejected',
  expired: ':hourglass: Expired without a decision',
  cancelled: ':heavy_multiplication_x: Cancelled',
};

/** The same message once decided: the buttons are gone; who decided and when is shown. */
export function decidedMessage(r: RequestRecord, d: Decided): SlackMessage {
  const by = d.by.length > 0 ? ` by ${d.by.map((u) => `<@${u}>`).join(', ')}` : '';
  const reason = d.reason ? `\n>${escapeText(d.reason)}` : '';
  const line = `${outcomeText[d.decision]}${by} at ${formatTime(d.at)}${reason}`;
  return {
    text: `${r.summary.title} (${r.id}): ${d.decision}`,
    blocks: [...body(r), section(line), context(r.id)],
  };
}

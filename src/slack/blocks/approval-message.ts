import type { RequestRecord } from '../../store/requests.js';
import { isEmergency } from '../../workflows/emergency.js';
import { ACTION, LABEL } from '../ids.js';
import { emergencyLine } from './emergency-messages.js';
import { goesToBlocks } from './goes-to.js';
import {
  actions,
  actorText,
  button,
  context,
  fieldsSection,
  formatTime,
  joinMd,
  md,
  message,
  quote,
  type SlackMessage,
  section,
} from './kit.js';

export interface Decided {
  decision: 'approved' | 'rejected' | 'expired' | 'cancelled';
  by: string[];
  at: number;
  reason?: string;
}

const headline = (r: RequestRecord) => md`*${r.summary.title}* requested by ${actorText(r.requester)}`;
const people = (ids: string[]) => joinMd(ids.map(actorText), md`, `);

function body(r: RequestRecord) {
  const blocks = [...(isEmergency(r) ? [section(emergencyLine(r))] : []), section(headline(r))];
  if (r.reason) blocks.push(section(md`*Reason*\n${quote(r.reason)}`));
  if (r.summary.fields.length > 0) blocks.push(fieldsSection(r.summary.fields));
  blocks.push(...goesToBlocks(r.summary.goesTo));
  for (const w of r.summary.warnings ?? []) blocks.push(section(md`:warning: ${w}`));
  return blocks;
}

/** The message approvers act on: what is asked, by whom, why, and the two buttons. */
export function approvalMessage(r: RequestRecord, votes: { approvers: string[]; needed: number } | null = null): SlackMessage {
  const progress = votes ? md` · approved so far by ${people(votes.approvers)} (${votes.approvers.length} of ${votes.needed})` : md``;
  return message(md`${isEmergency(r) ? 'EMERGENCY: ' : ''}${r.summary.title} requested by ${actorText(r.requester)} (${r.id})`, [
    ...body(r),
    context(md`${r.id} · waiting for approval until ${formatTime(r.expiresAt)}${progress}`),
    actions(`decide:${r.id}`, [
      button(LABEL.approve, ACTION.approve, r.id, 'primary'),
      button(LABEL.reject, ACTION.reject, r.id, 'danger'),
    ]),
  ]);
}

const outcomeText: Record<Decided['decision'], string> = {
  approved: ':white_check_mark: Approved',
  rejected: ':no_entry: Rejected',
  expired: ':hourglass: Expired without a decision',
  cancelled: ':heavy_multiplication_x: Cancelled',
};

/** The same message once decided: the buttons are gone; who decided and when is shown. */
export function decidedMessage(r: RequestRecord, d: Decided): SlackMessage {
  const by = d.by.length > 0 ? md` by ${people(d.by)}` : md``;
  const reason = d.reason ? md`\n${quote(d.reason)}` : md``;
  const line = md`${outcomeText[d.decision]}${by} at ${formatTime(d.at)}${reason}`;
  return message(md`${r.summary.title} (${r.id}): ${d.decision}`, [...body(r), section(line), context(md`${r.id}`)]);
}

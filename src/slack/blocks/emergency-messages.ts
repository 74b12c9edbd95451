import type { RequestRecord } from '../../store/requests.js';
import { ACTION, LABEL } from '../ids.js';
import { actions, button, context, formatTime, type Mrkdwn, md, mention, message, type SlackMessage, section } from './kit.js';

/** The first line of an emergency's approval message: what approving does, before anything else. */
export const emergencyLine = (r: RequestRecord): Mrkdwn =>
  r.kind === 'revoke-key'
    ? md`*EMERGENCY*: the key stops working as soon as this is approved. No new key is made.`
    : md`*EMERGENCY*: the old key stops working as soon as this is approved: no grace period, no reminders.`;

/** A break-glass approval waiting for a second approver's Acknowledge (also each reminder of it). */
export function reviewMessage(r: RequestRecord, approver: string, dueAt: number, reminder: boolean): SlackMessage {
  const head = md`${reminder ? ':bell: Reminder: ' : ':rotating_light: '}*Break glass*: ${mention(approver)} approved their own emergency request ${r.id} (${r.summary.title}).`;
  return message(
    md`${reminder ? 'Reminder: ' : ''}Break glass: ${mention(approver)} approved their own request ${r.id}; another approver please acknowledge`,
    [
      section(md`${head}\nAnother approver, please review it and click *${LABEL.acknowledge}* by ${formatTime(dueAt)}.`),
      actions(`break-glass:${r.id}`, [button(LABEL.acknowledge, ACTION.acknowledge, r.id, 'primary')]),
      context(md`${r.id} · requested by ${mention(r.requester)} · Acknowledge: approvers other than ${mention(approver)}`),
    ],
  );
}

/** The review message once a second approver acknowledged it: the button is gone. */
export function acknowledgedMessage(r: RequestRecord, by: string, approver: string, at: number): SlackMessage {
  const text = md`:white_check_mark: ${mention(by)} acknowledged the break-glass approval of ${r.id} (${r.summary.title}) by ${mention(approver)} at ${formatTime(at)}.`;
  return message(md`Break glass ${r.id} acknowledged by ${mention(by)}`, [section(text), context(md`${r.id}`)]);
}

export function lapsedMessage(r: RequestRecord, approver: string): SlackMessage {
  const text = md`:warning: *Break glass unreviewed*: nobody else acknowledged ${mention(approver)}'s approval of their own request ${r.id} (${r.summary.title}) within BREAK_GLASS_REVIEW. Please review it now.`;
  return message(md`Break glass ${r.id} was not acknowledged within BREAK_GLASS_REVIEW`, [section(text), context(md`${r.id}`)]);
}

/** An emergency's last message: the old key is refused, confirmed past the gateway's session cache. */
export function deadMessage(r: RequestRecord, alias: string, fingerprint: string, retiredAt: number): SlackMessage {
  const which = r.kind === 'revoke-key' ? 'The key' : 'The old key';
  const name = md`${alias || '(no alias)'} ${fingerprint}`;
  const text = md`:no_entry: ${which} ${name} is dead: Tyk refuses it, confirmed past the gateway's session cache (retired at ${formatTime(retiredAt)}).`;
  return message(md`${which} ${name} is dead (${r.id})`, [section(text), context(md`${r.id}`)]);
}

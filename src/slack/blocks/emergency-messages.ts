import type { RequestRecord } from '../../store/requests.js';
import { ACTION, LABEL } from '../ids.js';
import { actions, button, context, escapeText, formatTime, type SlackMessage, section } from './kit.js';

const title = (r: RequestRecord) => escapeText(r.summary.title);

/** The first line of an emergency's approval message: what approving does, before anything else. */
export const emergencyLine = (r: RequestRecord): string =>
  r.kind === 'revoke-key'
    ? '*EMERGENCY*: the key stops working as soon as this is approved. No new key is made.'
    : '*EMERGENCY*: the old key stops working as soon as this is approved: no grace period, no reminders.';

/** A break-glass approval waiting for a second approver's Acknowledge (also each reminder of it). */
export function reviewMessage(r: RequestRecord, approver: string, dueAt: number, reminder: boolean): SlackMessage {
  const head = `${reminder ? ':bell: Reminder: ' : ':rotating_light: '}*Break glass*: <@${approver}> approved their own emergency request ${r.id} (${title(r)}).`;
  return {
    text: `${reminder ? 'Reminder: ' : ''}Break glass: <@${approver}> approved their own request ${r.id}; another approver please acknowledge`,
    blocks: [
      section(`${head}\nAnother approver, please review it and click *${LABEL.acknowledge}* by ${formatTime(dueAt)}.`),
      actions(`break-glass:${r.id}`, [button(LABEL.acknowledge, ACTION.acknowledge, r.id, 'primary')]),
      context(`${r.id} · requested by <@${r.requester}> · Acknowledge: approvers other than <@${approver}>`),
    ],
  };
}

/** The review message once a second approver acknowledged it: the button is gone. */
export function acknowledgedMessage(r: RequestRecord, by: string, approver: string, at: number): SlackMessage {
  const text = `:white_check_mark: <@${by}> acknowledged the break-glass approval of ${r.id} (${title(r)}) by <@${approver}> at ${formatTime(at)}.`;
  return { text: `Break glass ${r.id} acknowledged by <@${by}>`, blocks: [section(text), context(r.id)] };
}

export function lapsedMessage(r: RequestRecord, approver: string): SlackMessage {
  const text = `:warning: *Break glass unreviewed*: nobody else acknowledged <@${approver}>'s approval of their own request ${r.id} (${title(r)}) within BREAK_GLASS_REVIEW. Please review it now.`;
  return { text: `Break glass ${r.id} was not acknowledged within BREAK_GLASS_REVIEW`, blocks: [section(text), context(r.id)] };
}

/** An emergency's last message: the old key is refused, confirmed past the gateway's session cache. */
export function deadMessage(r: RequestRecord, alias: string, fingerprint: string, retiredAt: number): SlackMessage {
  const which = r.kind === 'revoke-key' ? 'The key' : 'The old key';
  const name = `${escapeText(alias || '(no alias)')} ${fingerprint}`;
  const text = `:no_entry: ${which} ${name} is dead: Tyk refuses it, confirmed past the gateway's session cache (retired at ${formatTime(retiredAt)}).`;
  return { text: `${which} ${name} is dead (${r.id})`, blocks: [section(text), context(r.id)] };
}

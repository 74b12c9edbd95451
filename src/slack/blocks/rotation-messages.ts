import type { KnownBlock } from '@slack/types';
import type { RequestRecord } from '../../store/requests.js';
import type { RotationParams } from '../../workflows/rotate-key/types.js';
import { ACTION, LABEL } from '../ids.js';
import { actions, button, context, escapeText, formatTime, type SlackMessage, section } from './kit.js';

const USAGE_TEXT = {
  'in-use': ':large_orange_circle: The old key was *still used* recently.',
  idle: ':large_green_circle: The old key has not been used recently.',
  unknown: ':white_circle: Tyk cannot tell whether the old key is still used (no Dashboard analytics and no quota on the key).',
} as const;

const keyName = (p: RotationParams) => `${escapeText(p.alias || '(no alias)')} ${p.fingerprint}`;

/** Before retirement (or instead of it, while the old key is in use): when, whether it is used, and what can be done. */
export function reminderMessage(r: RequestRecord, retireAt: number, usage: keyof typeof USAGE_TEXT, held: boolean): SlackMessage {
  const p = r.params as RotationParams;
  const head = held
    ? `:warning: *Retirement held*: the old key ${keyName(p)} is still in use, so it was not retired. Next check ${formatTime(retireAt)}.`
    : `:alarm_clock: The old key ${keyName(p)} will be retired at *${formatTime(retireAt)}* (${p.action}).`;
  return {
    text: held
      ? `Retirement of ${p.fingerprint} held: still in use (${r.id})`
      : `Old key ${p.fingerprint} retires at ${formatTime(retireAt)} (${r.id})`,
    blocks: [
      section(`${head}\n${USAGE_TEXT[usage]}\nClients must use the new key before then.`),
      actions(`rotation:${r.id}`, [
        button(LABEL.extendGrace, ACTION.extendGrace, r.id),
        button(LABEL.retireNow, ACTION.retireNow, r.id, 'danger'),
        button(LABEL.cancel, ACTION.cancelRotation, r.id),
      ]),
      context(`${r.id} · requested by <@${r.requester}> · Retire now: approvers · Cancel keeps both keys: approvers or the requester`),
    ],
  };
}

/** The result of retirement; expired or deactivated keys can be restored. */
export function retiredMessage(r: RequestRecord, action: string, fellBack: boolean, by: string): SlackMessage {
  const p = r.params as RotationParams;
  const who = by.startsWith('U') || by.startsWith('W') ? ` by <@${by}>` : '';
  const how = action === 'delete' ? 'deleted' : action === 'deactivate' ? 'deactivated' : 'expired';
  const note = fellBack ? '\nTyk ignored the inactive flag for this key (its policies decide), so it was expired instead.' : '';
  const what =
    r.kind === 'revoke-key'
      ? `The key ${keyName(p)} was *${how}*${who}; it has no replacement.`
      : `The old key ${keyName(p)} was *${how}*${who}; its replacement works.`;
  const blocks: KnownBlock[] = [section(`:white_check_mark: ${what}${note}`)];
  if (action !== 'delete') blocks.push(actions(`restore:${r.id}`, [button(LABEL.restore, ACTION.restore, r.id)]));
  blocks.push(context(`${r.id}${action !== 'delete' ? ' · Restore (approvers) makes the old key work again' : ''}`));
  return { text: `Old key ${p.fingerprint} ${how} (${r.id})`, blocks };
}

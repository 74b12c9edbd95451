import type { KnownBlock } from '@slack/types';
import type { RequestRecord } from '../../store/requests.js';
import type { RotationParams } from '../../workflows/rotate-key/types.js';
import { paramsOf, ROTATION_KINDS } from '../../workflows/saved.js';
import { ACTION, LABEL } from '../ids.js';
import { actions, button, context, formatTime, isSlackUser, md, mention, message, type SlackMessage, section } from './kit.js';

const USAGE_TEXT = {
  'in-use': ':large_orange_circle: The old key was *still used* recently.',
  idle: ':large_green_circle: The old key has not been used recently.',
  unknown: ':white_circle: Tyk cannot tell whether the old key is still used (no Dashboard analytics and no quota on the key).',
} as const;

const keyName = (p: RotationParams) => md`${p.alias || '(no alias)'} ${p.fingerprint}`;

/** Before retirement (or instead of it, while the old key is in use): when, whether it is used, and what can be done. */
export function reminderMessage(
  r: RequestRecord,
  retireAt: number,
  usage: keyof typeof USAGE_TEXT,
  held: boolean,
  heldFor: 'in-use' | 'unrevealed' = 'in-use',
): SlackMessage {
  const p = paramsOf(ROTATION_KINDS, r);
  const head = !held
    ? md`:alarm_clock: The old key ${keyName(p)} will be retired at *${formatTime(retireAt)}* (${p.action}).`
    : heldFor === 'unrevealed'
      ? md`:warning: *Retirement held*: nobody revealed the new key before REVEAL_TTL erased it, so the consumer cannot have it and the old key ${keyName(p)} was not retired. Retire now or Cancel (then rotate again). Next check ${formatTime(retireAt)}.`
      : md`:warning: *Retirement held*: the old key ${keyName(p)} is still in use, so it was not retired. Next check ${formatTime(retireAt)}.`;
  return message(
    held
      ? md`Retirement of ${p.fingerprint} held: ${heldFor === 'unrevealed' ? 'the new key was never revealed' : 'still in use'} (${r.id})`
      : md`Old key ${p.fingerprint} retires at ${formatTime(retireAt)} (${r.id})`,
    [
      section(md`${head}\n${USAGE_TEXT[usage]}\nClients must use the new key before then.`),
      actions(`rotation:${r.id}`, [
        button(LABEL.extendGrace, ACTION.extendGrace, r.id),
        button(LABEL.retireNow, ACTION.retireNow, r.id, 'danger'),
        button(LABEL.cancel, ACTION.cancelRotation, r.id),
      ]),
      context(
        md`${r.id} · requested by ${mention(r.requester)} · Retire now: approvers · Cancel keeps both keys: approvers or the requester`,
      ),
    ],
  );
}

/** The result of retirement; expired or deactivated keys can be restored. */
export function retiredMessage(r: RequestRecord, action: string, fellBack: boolean, by: string): SlackMessage {
  const p = paramsOf(ROTATION_KINDS, r);
  const who = isSlackUser(by) ? md` by ${mention(by)}` : md``;
  const how = action === 'delete' ? 'deleted' : action === 'deactivate' ? 'deactivated' : 'expired';
  const note = fellBack ? md`\nTyk ignored the inactive flag for this key (its policies decide), so it was expired instead.` : md``;
  const what =
    r.kind === 'revoke-key'
      ? md`The key ${keyName(p)} was *${how}*${who}; it has no replacement.`
      : md`The old key ${keyName(p)} was *${how}*${who}; its replacement works.`;
  const blocks: KnownBlock[] = [section(md`:white_check_mark: ${what}${note}`)];
  if (action !== 'delete') blocks.push(actions(`restore:${r.id}`, [button(LABEL.restore, ACTION.restore, r.id)]));
  blocks.push(context(md`${r.id}${action !== 'delete' ? ' · Restore (approvers) makes the old key work again' : ''}`));
  return message(md`Old key ${p.fingerprint} ${how} (${r.id})`, blocks);
}

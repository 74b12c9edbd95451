import type { KnownBlock } from '@slack/types';
import { formatDuration } from '../../duration.js';
import type { ChainHead } from '../../store/history.js';
import type { HygieneEntry, HygieneReport } from '../../workflows/inventory/report.js';
import { ACTION, LABEL } from '../ids.js';
import { button, context, formatTime, type Mrkdwn, md, mention, message, type SlackMessage, section } from './kit.js';

const DAY = 86_400_000;

/** `Key hygiene: 2 overdue · 1 due soon · …` — the counts are contract words. */
export const countsLine = (r: HygieneReport): string => {
  const c = r.counts;
  return `Key hygiene: ${c.overdue} overdue · ${c.dueSoon} due soon · ${c.noExpiry} no expiry · ${c.noOwner} no owner · ${c.idle} idle (${r.total} keys)`;
};

const ageText = (e: HygieneEntry, now: number) => (e.since === null ? 'age unknown' : `${Math.floor((now - e.since) / DAY)} days old`);

function standingText(e: HygieneEntry, now: number): Mrkdwn {
  if (e.standing === 'overdue' && e.dueAt !== null)
    return md`*overdue* by ${formatDuration(Math.max(0, Math.floor((now - e.dueAt) / DAY)) * DAY)}`;
  if (e.standing === 'due soon' && e.dueAt !== null) return md`*due soon*: ${formatTime(e.dueAt)}`;
  return md`not due`;
}

/** One key: alias and fingerprint first (never a key value, key ID or hash), then why it is listed. */
export function keyLine(e: HygieneEntry, now: number): Mrkdwn {
  const problems = [e.noExpiry && 'no expiry', e.noOwner && 'no owner', e.idle && 'idle'].filter(Boolean).join(', ');
  const owner = e.key.ownerSlackId ? mention(e.key.ownerSlackId) : md`${e.key.ownerEmail || 'no owner'}`;
  const rule = e.policy.rule ? md` · rule ${e.policy.rule}` : md``;
  return md`*${e.key.alias || '(no alias)'}* ${e.key.fingerprint} · ${standingText(e, now)} · ${ageText(e, now)} · ${owner}${problems ? ` · ${problems}` : ''}${rule}`;
}

const keyBlocks = (entries: HygieneEntry[], now: number): KnownBlock[] =>
  entries.map((e, i) => ({
    ...section(keyLine(e, now)),
    block_id: `hygiene:${i + 1}`,
    accessory: button(LABEL.requestRotation, ACTION.requestRotation, e.key.ident),
  }));

/** The line a digest carries with the history chain head, as the daily chain-head post words it. */
export const chainHeadLine = (head: ChainHead): Mrkdwn =>
  md`History chain head: row ${head.seq}, MAC \`${head.mac}\`. \`tyk-keybot audit verify\` must find this row with this MAC.`;

/**
 * The digest in NOTIFY_CHANNEL (with the history chain head) and the `/key-hygiene` answer
 * (without): counts, then the most urgent keys.
 */
export function hygieneDigest(r: HygieneReport, head?: ChainHead): SlackMessage {
  const text = countsLine(r);
  const blocks: KnownBlock[] = [section(md`*${text}*`)];
  if (r.top.length === 0) blocks.push(context(md`No key needs attention.`));
  else blocks.push(...keyBlocks(r.top, r.at), context(md`Most urgent first; the whole list is in the attached CSV. ${formatTime(r.at)}`));
  if (head) blocks.push(context(chainHeadLine(head)));
  return message(md`${text}`, blocks);
}

/** An owner's DM: their overdue keys, each with its button. */
export function ownerOverdueMessage(theirs: HygieneEntry[], now: number): SlackMessage {
  const text = `Key hygiene: ${theirs.length} of your keys ${theirs.length === 1 ? 'is' : 'are'} overdue for rotation`;
  return message(md`${text}`, [section(md`*${text}*`), ...keyBlocks(theirs.slice(0, 20), now)]);
}

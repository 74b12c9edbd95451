import { isObject, type Json } from '../../test/harness/slack-fake/block-kit/issues.js';
import type { RecordedCall, SlackFake } from '../../test/harness/slack-fake/index.js';
import { APPROVAL_CHANNEL, NOTIFY_CHANNEL, SLACK_USERS } from '../../test/harness/users.js';

const CHANNELS: Record<string, string> = {
  [APPROVAL_CHANNEL]: '#key-approvals',
  [NOTIFY_CHANNEL]: '#key-notices',
  C0GENERAL01: '#general',
};
const nameOf = (userId: string) => SLACK_USERS.find((u) => u.id === userId)?.name ?? userId;

/** Slack mrkdwn as a person reads it: mentions by name, links by label, no markup characters. */
export function plainText(mrkdwn: string): string {
  return mrkdwn
    .replace(/<@(U[A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => `@${nameOf(id)}`)
    .replace(/<#(C[A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => CHANNELS[id] ?? `#${id}`)
    .replace(/<!subteam\^(S[A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => label ?? `@${id}`)
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2')
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/`/g, '')
    .replace(/(^|\s):[a-z][a-z_]*:(?=\s|$)\s?/g, '$1') // emoji shortcodes: a terminal shows them as words
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The objects of a Block Kit array (anything else there is ignored). */
const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const textOf = (t: unknown): string => (isObject(t) && 'text' in t ? String(t.text) : '');
const buttonLabels = (elements: Json[]): string[] => elements.filter((e) => e.type === 'button').map((e) => `[${textOf(e.text)}]`);

/** The lines a message shows: its blocks (buttons as [Label]), or its fallback text when it has none. */
export function messageLines(text: string, blocks: unknown): string[] {
  const list = objects(blocks);
  if (!list.length) return plainText(text).split('\n');
  const lines: string[] = [];
  for (const b of list) {
    if (b.type === 'section' || b.type === 'header') {
      if (b.text) lines.push(...plainText(textOf(b.text)).split('\n'));
      // a field is "*Label*\nvalue": one line reads better in a terminal
      for (const f of objects(b.fields)) lines.push(...plainText(textOf(f).replace('\n', ': ')).split('\n'));
      lines.push(...buttonLabels(objects([b.accessory])));
    } else if (b.type === 'context') {
      lines.push(plainText(objects(b.elements).map(textOf).join('  ')));
    } else if (b.type === 'actions') {
      const buttons = buttonLabels(objects(b.elements));
      if (buttons.length) lines.push(buttons.join(' '));
    }
  }
  return lines.map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
}

const MAX_LINES = 20;

/** The lines an update added to the version before it (all of them when that version is unknown). */
function changedLines(slack: SlackFake, a: Json, now: string[]): string[] {
  const m = slack.message(String(a.channel), String(a.ts));
  if (!m) return now;
  const versions = [...m.history, { text: m.text, blocks: m.blocks }];
  const at = versions.findIndex((v) => v.text === a.text && JSON.stringify(v.blocks) === JSON.stringify(a.blocks));
  const before = at > 0 ? versions[at - 1] : undefined;
  if (!before) return now;
  const old = new Set(messageLines(before.text, before.blocks));
  const added = now.filter((l) => !old.has(l));
  return added.length ? ['…', ...added] : now;
}

/**
 * What the Slack fake received from the bot in `calls`, one entry per message, update, modal or
 * upload. Look-ups (users.info, conversations.open …) are left out: they change nothing anyone sees.
 * Modals are shown by title only, so the Reveal modal's value never reaches the terminal.
 */
export function describeSlackCalls(slack: SlackFake, calls: readonly RecordedCall[]): string[] {
  const dmOwner = new Map(
    SLACK_USERS.flatMap((u) =>
      slack
        .dms(u.id)
        .slice(0, 1)
        .map((m) => [m.channel, u.name] as const),
    ),
  );
  const where = (channel: unknown, threaded: unknown) => {
    const id = String(channel ?? '');
    const place = CHANNELS[id] ?? (dmOwner.has(id) ? `DM to @${dmOwner.get(id)}` : id);
    return threaded ? `${place}, in the thread` : place;
  };
  const out: string[] = [];
  const entry = (head: string, body: string[] = []) => {
    const shown = body.length > MAX_LINES ? [...body.slice(0, MAX_LINES), `… (${body.length - MAX_LINES} more lines)`] : body;
    out.push(head, ...shown.map((l) => `    ${l}`));
  };
  for (const c of calls) {
    const a = c.args;
    const body = () => messageLines(String(a.text ?? ''), a.blocks);
    if (!c.ok) entry(`${c.method} refused: ${c.error ?? `HTTP ${c.status}`}`);
    else if (c.method === 'chat.postMessage') entry(`new message in ${where(a.channel, a.thread_ts)}:`, body());
    else if (c.method === 'chat.update')
      entry(`message in ${where(a.channel, false)} updated; now it says:`, changedLines(slack, a, body()));
    else if (c.method === 'chat.postEphemeral') entry(`only @${nameOf(String(a.user))} sees, in ${where(a.channel, false)}:`, body());
    else if (c.method === 'response_url' || c.method === 'ack') entry('reply only the person sees:', body());
    else if (c.method === 'views.open' || c.method === 'views.push')
      entry(`modal "${textOf(isObject(a.view) ? a.view.title : undefined)}" opened`);
    else if (c.method === 'files.completeUploadExternal')
      entry(
        `file uploaded to ${where(a.channel_id, a.thread_ts)}: ${objects(a.files)
          .map((f) => String(f.title))
          .join(', ')}`,
      );
  }
  return out;
}

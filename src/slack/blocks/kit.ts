import type { ActionsBlock, Button, ContextBlock, KnownBlock, SectionBlock, View } from '@slack/types';
import type { Say } from '../../workflows/say.js';

/**
 * Text Slack reads as mrkdwn, built only here. The bot's own words are the literal parts of an `md`
 * template; every interpolated value (file content, Tyk and Portal answers, file names, aliases,
 * titles…) is escaped and shown on one line. A plain string cannot be handed to a block: the type
 * system refuses it, so nothing from outside reaches a message unescaped by accident.
 */
const TRUSTED: unique symbol = Symbol('mrkdwn');
export interface Mrkdwn {
  readonly [TRUSTED]: string;
}
const trusted = (text: string): Mrkdwn => ({ [TRUSTED]: text });
const isMrkdwn = (v: unknown): v is Mrkdwn => typeof v === 'object' && v !== null && TRUSTED in v;
export const mrkdwnText = (m: Mrkdwn): string => m[TRUSTED];

/** Slack treats &, < and > as control characters in mrkdwn (mentions, links, `<!channel>`). */
export const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Characters that do not show or that move text: controls (line breaks and tabs included), line and
 * paragraph separators, format characters (zero-width, bidi overrides and isolates, soft hyphen, BOM,
 * tag characters) and the blank letters (Hangul fillers, braille blank, combining grapheme joiner).
 */
const HIDDEN = /(?:[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u2800\u3164\uFFA0]|\u034F)+/gu;
/** What a run of hidden characters shows as in a one-line value. */
export const HIDDEN_MARK = '\uFFFD';

/** A value as one visible line: every run of hidden characters becomes one HIDDEN_MARK (�). */
export const oneLine = (s: string): string => s.replace(HIDDEN, HIDDEN_MARK);

type Value = Mrkdwn | string | number;
const piece = (v: Value): string => (isMrkdwn(v) ? v[TRUSTED] : escapeText(oneLine(String(v))));

/** mrkdwn from the bot's own words; each `${value}` is escaped and kept on one line (Mrkdwn values go in as they are). */
export function md(strings: TemplateStringsArray, ...values: Value[]): Mrkdwn {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += piece(v) + (strings[i + 1] ?? '');
  });
  return trusted(out);
}

/** Values (escaped, one line each) or Mrkdwn parts joined by a separator of the bot's own. */
export const joinMd = (items: readonly Value[], sep: Mrkdwn): Mrkdwn => trusted(items.map(piece).join(sep[TRUSTED]));
export const mdLines = (...lines: Mrkdwn[]): Mrkdwn => joinMd(lines, md`\n`);

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;
/** Free text over several lines (a reason): its own line breaks stay, each line is a one-line value. */
export const multiline = (text: string): Mrkdwn => joinMd(text.split(LINE_BREAK), md`\n`);
/** The same as a `>` quote. */
export const quote = (text: string): Mrkdwn =>
  trusted(
    text
      .split(LINE_BREAK)
      .map((l) => `>${piece(l)}`)
      .join('\n'),
  );

/** A value to copy exactly (a secret shown once): escaped, nothing replaced, as a code block. */
export const codeBlock = (value: string): Mrkdwn => trusted(`\`\`\`${escapeText(value)}\`\`\``);

/** A Slack user as a mention; the bot's own actors (`keybot`, `cli:<user>`) and anything else as plain text. */
export const isSlackUser = (id: string): boolean => /^[UW][A-Z0-9]{2,}$/.test(id);
export const mention = (id: string): Mrkdwn => (isSlackUser(id) ? trusted(`<@${id}>`) : md`${id}`);
export const actorText = mention;
/** A Slack user group as a mention, from a well-formed group ID only; anything else as plain text. */
export const groupMention = (id: string): Mrkdwn => (/^S[A-Z0-9]{2,}$/.test(id) ? trusted(`<!subteam^${id}>`) : md`${id}`);
/** A channel as a link to it, from a well-formed channel ID only. */
export const channelLink = (id: string): Mrkdwn => (/^[CGD][A-Z0-9]{2,}$/.test(id) ? trusted(`<#${id}>`) : md`${id}`);

const MENTION_ESCAPED = /&lt;(@|#|!subteam\^)([A-Z0-9]{3,})&gt;/g;
const MENTIONABLE: Record<string, RegExp> = { '@': /^[UW]/, '#': /^[CGD]/, '!subteam^': /^S/ };
/**
 * A sentence a workflow wrote (a notice, a refusal, an error's user message): all of it escaped and its
 * line breaks kept, hidden characters shown as HIDDEN_MARK; only mentions of well-formed Slack user,
 * channel and user-group IDs (`<@U…>`, `<#C…>`, `<!subteam^S…>`) stay mentions. `<!channel>`, `<!here>`,
 * links and everything else stay inert.
 */
export const sentence = (text: string): Mrkdwn =>
  trusted(
    mrkdwnText(multiline(text)).replace(MENTION_ESCAPED, (all, sigil: string, id: string) =>
      MENTIONABLE[sigil]?.test(id) ? `<${sigil}${id}>` : all,
    ),
  );

/**
 * A workflow's Say (src/workflows/say.ts) as mrkdwn: its text parts escaped with their line breaks
 * kept (`multiline`), users as `mention`, groups as `groupMention`. A plain string is read as
 * `sentence` reads it: it may be an error's user message, which can name a Slack ID.
 */
export const say = (s: Say): Mrkdwn =>
  typeof s === 'string'
    ? sentence(s)
    : joinMd(
        s.map((p) => (typeof p === 'string' ? multiline(p) : 'user' in p ? mention(p.user) : groupMention(p.group))),
        md``,
      );

/**
 * Cuts mrkdwn to Slack's per-field limits, saying that it did (…), never inside an entity (`&amp;`) or
 * a mention. Only for text that may be cut: security-relevant lists are measured first (fitsIn) and
 * go to a file when they do not fit.
 */
export const clip = (m: Mrkdwn, max: number): Mrkdwn => {
  const s = m[TRUSTED];
  if (s.length <= max) return m;
  let cut = s.slice(0, max - 1);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';')) cut = cut.slice(0, amp);
  const lt = cut.lastIndexOf('<');
  if (lt > cut.lastIndexOf('>')) cut = cut.slice(0, lt);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return trusted(`${cut}…`);
};
export const SECTION_MAX = 3000;
export const fitsIn = (m: Mrkdwn, max = SECTION_MAX): boolean => m[TRUSTED].length <= max;

export const section = (text: Mrkdwn): SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, SECTION_MAX)[TRUSTED] },
});

export const fieldsSection = (fields: Array<{ label: string; value: string }>): SectionBlock => ({
  type: 'section',
  fields: fields.slice(0, 10).map((f) => ({ type: 'mrkdwn', text: clip(md`*${f.label}*\n${f.value}`, 2000)[TRUSTED] })),
});

export const context = (text: Mrkdwn): ContextBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clip(text, SECTION_MAX)[TRUSTED] }],
});

/** Button labels are plain_text: Slack shows them as given, with no mrkdwn. */
export const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  text: { type: 'plain_text', text },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

export const actions = (blockId: string, elements: Button[]): ActionsBlock => ({ type: 'actions', block_id: blockId, elements });

export const divider = (): KnownBlock => ({ type: 'divider' });

declare const BUILT: unique symbol;
/** A message's notification text (also mrkdwn to Slack): only `message()` makes one. */
export type MessageText = string & { readonly [BUILT]: true };
export interface SlackMessage {
  text: MessageText;
  blocks: KnownBlock[];
}
/** Slack's limit on a message's top-level text. */
const TEXT_MAX = 40_000;
export const message = (text: Mrkdwn, blocks: KnownBlock[]): SlackMessage => ({
  text: clip(text, TEXT_MAX)[TRUSTED] as MessageText,
  blocks,
});
/** A one-section message. */
export const plainMessage = (text: Mrkdwn): SlackMessage => message(text, [section(text)]);
/** A workflow's sentence (a refusal, an error's user message) as a message. */
export const sentenceMessage = (text: Say): SlackMessage => plainMessage(say(text));

export { formatTime } from '../../format-time.js';

/** A modal about one request: its ID travels in private_metadata to the submission handler. */
export const requestModal = (o: {
  callbackId: string;
  requestId: string;
  title: string;
  submit: string;
  close: string;
  blocks: KnownBlock[];
}): View => ({
  type: 'modal',
  callback_id: o.callbackId,
  private_metadata: o.requestId,
  title: { type: 'plain_text', text: o.title },
  submit: { type: 'plain_text', text: o.submit },
  close: { type: 'plain_text', text: o.close },
  blocks: o.blocks,
});

import type { ActionsBlock, Button, ContextBlock, KnownBlock, SectionBlock, View } from '@slack/types';

/** Slack treats &, < and > as control characters in mrkdwn; user text must be escaped. */
export const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Cuts text to Slack's per-field limits, saying that it did. */
export const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export const section = (text: string): SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } });

export const fieldsSection = (fields: Array<{ label: string; value: string }>): SectionBlock => ({
  type: 'section',
  fields: fields.slice(0, 10).map((f) => ({ type: 'mrkdwn', text: clip(`*${escapeText(f.label)}*\n${escapeText(f.value)}`, 2000) })),
});

export const context = (text: string): ContextBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, 3000) }] });

export const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  text: { type: 'plain_text', text },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

export const actions = (blockId: string, elements: Button[]): ActionsBlock => ({ type: 'actions', block_id: blockId, elements });

export const divider = (): KnownBlock => ({ type: 'divider' });

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

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

/** A Slack user as a mention; the bot's own actors (`keybot`, `cli:<user>`) as plain text. */
export const isSlackUser = (id: string): boolean => /^[UW][A-Z0-9]{2,}$/.test(id);
export const actorText = (id: string): string => (isSlackUser(id) ? `<@${id}>` : escapeText(id));

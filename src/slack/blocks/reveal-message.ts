import type { Say } from '../../workflows/say.js';
import { ACTION, LABEL, VIEW } from '../ids.js';
import { actions, button, codeBlock, context, formatTime, md, message, type SlackMessage, say, section, sentence } from './kit.js';

/** The DM that hands a secret over: never the value, only the button that shows it once. */
export function revealMessage(p: { what: string; requestId: string; revealId: string; expiresAt: number; note?: Say }): SlackMessage {
  return message(md`A new ${p.what} is ready for you (${p.requestId}). Click Reveal to see it once.`, [
    // notes are the bot's own sentences: they may name people (a Say: mentions)
    section(md`A new *${p.what}* is ready for you (${p.requestId}).${p.note ? md`\n${say(p.note)}` : ''}`),
    actions(`reveal:${p.revealId}`, [button(LABEL.reveal, ACTION.reveal, p.revealId, 'primary')]),
    context(md`It can be shown once, until ${formatTime(p.expiresAt)}; after that it is erased.`),
  ]);
}

/** The modal that shows the value; modal content does not stay in Slack's message history. */
export function revealModal(p: { what: string; value: string; nextSteps: string }) {
  return {
    type: 'modal' as const,
    callback_id: VIEW.reveal,
    title: { type: 'plain_text' as const, text: 'Your new secret' },
    close: { type: 'plain_text' as const, text: 'Done' },
    blocks: [
      section(md`Your new *${p.what}*. Copy it now: it is shown this once and then erased.`),
      section(codeBlock(p.value)),
      context(sentence(p.nextSteps)),
    ],
  };
}

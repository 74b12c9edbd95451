import { isKeybotError } from '../errors.js';
import { newId } from '../ids.js';
import type { Log } from '../log.js';
import type { LaneName, Lanes } from './after-ack.js';

export type Reply = (text: string) => Promise<unknown>;

/**
 * The one place a listener's failure becomes words for the user: a KeybotError's own message, or
 * a sentence with an incident ID whose stack goes to the log. Never rethrows: Slack already has its ack.
 * The work runs in its lane (after-ack.ts): `clicks` for buttons, `commands` for slash commands and forms.
 */
export async function replyOnError(
  reply: Reply,
  deps: { log: Log; lanes: Lanes },
  opts: { lane: LaneName; user: string; opensModal?: boolean },
  fn: () => Promise<void>,
): Promise<void> {
  const { log } = deps;
  try {
    // A modal must open within the 3 s its trigger_id lives: that work does not queue.
    await (opts.opensModal ? fn() : deps.lanes[opts.lane].run(opts.user, fn));
  } catch (e) {
    let text: string;
    if (isKeybotError(e)) {
      text = e.userMessage;
      if (e.code !== 'BAD_INPUT' && e.code !== 'NOT_FOUND' && e.code !== 'FORBIDDEN') log.warn({ err: e, code: e.code }, 'request refused');
    } else {
      const incident = newId('inc');
      log.error({ err: e, incident }, 'listener failed');
      text = `Something went wrong on our side (incident ${incident}). Nothing was changed; try again, or give the incident ID to the bot's operators.`;
    }
    await reply(text).catch((err) => log.error({ err }, 'could not tell the user about an error'));
  }
}

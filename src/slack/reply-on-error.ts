import { describeError } from '../describe-error.js';
import type { Log } from '../log.js';
import type { LaneName, Lanes } from './after-ack.js';

export type Reply = (text: string) => Promise<unknown>;

/**
 * The one wrapper every listener's work runs in (commands, clicks, forms, App Home): a failure
 * becomes describeError's sentence, told through `reply`. Never rethrows: Slack already has its ack.
 * The work runs in its lane (after-ack.ts): `clicks` for buttons, `commands` for slash commands and
 * forms; `inline` work (a modal to open within its trigger's 3 s, a form's answer) does not queue.
 */
export async function replyOnError(
  reply: Reply,
  deps: { log: Log; lanes: Lanes },
  opts: { lane: LaneName; user: string; inline?: boolean },
  fn: () => Promise<void>,
): Promise<void> {
  try {
    await (opts.inline ? fn() : deps.lanes[opts.lane].run(opts.user, fn));
  } catch (e) {
    const d = describeError(e, deps.log);
    if (d.forOperators && !d.incident) deps.log.warn({ err: e, code: d.code }, 'request refused');
    await reply(d.message).catch((err) => deps.log.error({ err }, 'could not tell the user about an error'));
  }
}

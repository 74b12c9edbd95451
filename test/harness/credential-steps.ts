import type { Harness } from './harness.js';
import { USERS } from './users.js';

/** A slash command that should become a request: its ID, once the approval message is posted. */
export async function requested(h: Harness, command: string, text: string, user: string = USERS.requester): Promise<string> {
  const mine = () => h.bot.store.requests.byRequester(user, 100);
  const before = mine().length;
  const res = await h.driver.command(command, text, { user });
  if (res.status !== 200) throw new Error(`${command} answered HTTP ${res.status}`);
  const r = await h.until(() => mine().length > before && mine()[0], `the ${command} request`);
  await h.approvalMessage(r.id);
  return r.id;
}

/** Everything a user was answered ephemerally, text and blocks. */
const answers = (h: Harness, user: string): string =>
  h.slack
    .messages({ ephemeralTo: user })
    .map((m) => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`)
    .join('\n');

/** A slash command that should be answered without a request: the user's ephemeral answers, once they contain `expect`. */
export async function answered(h: Harness, command: string, text: string, expect: string, user: string = USERS.requester): Promise<string> {
  await h.driver.command(command, text, { user });
  return h.until(() => answers(h, user).includes(expect) && answers(h, user), `the answer to ${command} ${text}`);
}

export async function approve(h: Harness, id: string, approver: string = USERS.approver1): Promise<void> {
  await h.driver.click(await h.approvalMessage(id), 'Approve', { user: approver });
}

/** The replies in a request's approval thread, one per line. */
export function thread(h: Harness, id: string): string {
  const ts = h.bot.store.requests.get(id)?.approval?.ts;
  return h.slack
    .messages({ channel: h.config.approvalChannel })
    .filter((m) => ts && m.thread_ts === ts)
    .map((m) => m.text)
    .join('\n');
}

export const hasRevealDm = (h: Harness, user: string): boolean =>
  h.slack.dms(user).some((m) => JSON.stringify(m.blocks).includes('"Reveal"'));

export const status = (h: Harness, id: string) => h.bot.store.requests.get(id)?.status;

export const events = (h: Harness, id: string): string[] => h.bot.store.history.forRequest(id).map((e) => e.event);

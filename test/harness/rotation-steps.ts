import { expect } from 'vitest';
import type { Harness } from './harness.js';
import type { StoredMessage } from './slack-fake/index.js';
import { USERS } from './users.js';

export const ephemeral = (h: Harness, user: string): string =>
  h.slack
    .messages({ ephemeralTo: user })
    .map((m) => m.text)
    .join('\n');

/** /rotate-key by the requester, approved by `approver`, up to the Reveal DM; returns the request ID. */
export async function requestRotation(h: Harness, text: string, approver: string = USERS.approver1): Promise<string> {
  const before = h.bot.store.requests.byRequester(USERS.requester).length;
  const res = await h.driver.command('/rotate-key', text, { user: USERS.requester });
  expect(res.status).toBe(200);
  const r = await h.until(
    () => h.bot.store.requests.byRequester(USERS.requester).length > before && h.bot.store.requests.byRequester(USERS.requester)[0],
    'the rotation request',
  );
  const msg = await h.approvalMessage(r.id);
  await h.driver.click(msg, 'Approve', { user: approver });
  await h.until(() => h.bot.store.jobs.forRequest(r.id).some((j) => j.step.startsWith('retire:')), 'the retirement to be scheduled');
  return r.id;
}

/** Clicks Reveal in a user's newest DM that has one and returns the value shown in the modal. */
export async function revealValue(h: Harness, user: string): Promise<string> {
  const dm = h.slack
    .dms(user)
    .filter((m) => JSON.stringify(m.blocks).includes('"Reveal"'))
    .at(-1) as StoredMessage;
  const before = h.slack.views(user).length;
  await h.driver.click(dm, 'Reveal', { user });
  const modal = await h.until(() => h.slack.views(user)[before], 'the reveal modal');
  return JSON.stringify(modal.view.blocks).match(/```([^`]+)```/)?.[1] ?? '';
}

/** The latest message in NOTIFY_CHANNEL (not a thread reply) whose text matches. */
export const latestNotice = (h: Harness, re: RegExp): StoredMessage | undefined =>
  h.slack
    .messages({ channel: h.config.notifyChannel })
    .filter((m) => !m.thread_ts && re.test(m.text))
    .at(-1);

import type { Harness } from './harness.js';
import type { StoredMessage } from './slack-fake/index.js';
import { USERS } from './users.js';

export const ephemeral = (h: Harness, user: string): string =>
  h.slack
    .messages({ ephemeralTo: user })
    .map((m) => m.text)
    .join('\n');

/** /rotate-key by the requester, up to the approval message; returns the request ID. */
export async function draftRotation(h: Harness, text: string): Promise<string> {
  const before = h.bot.store.requests.byRequester(USERS.requester).length;
  const res = await h.driver.command('/rotate-key', text, { user: USERS.requester });
  if (res.status !== 200) throw new Error(`/rotate-key answered HTTP ${res.status}: ${res.body}`);
  const r = await h.until(
    () => h.bot.store.requests.byRequester(USERS.requester).length > before && h.bot.store.requests.byRequester(USERS.requester)[0],
    'the rotation request',
  );
  await h.approvalMessage(r.id);
  return r.id;
}

/** Approve on a rotation's approval message, up to the Reveal DM and the scheduled retirement. */
export async function approveRotation(h: Harness, requestId: string, approver: string = USERS.approver1): Promise<void> {
  await h.driver.click(await h.approvalMessage(requestId), 'Approve', { user: approver });
  await h.until(() => h.bot.store.jobs.forRequest(requestId).some((j) => j.step === 'retire'), 'the retirement to be scheduled');
}

/** /rotate-key by the requester, approved by `approver`, up to the Reveal DM; returns the request ID. */
export async function requestRotation(h: Harness, text: string, approver: string = USERS.approver1): Promise<string> {
  const id = await draftRotation(h, text);
  await approveRotation(h, id, approver);
  return id;
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

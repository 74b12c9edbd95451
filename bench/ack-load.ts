import type { SlackDriver } from '../test/harness/slack-driver.js';
import type { SlackFake, StoredMessage } from '../test/harness/slack-fake/index.js';
import { APPROVAL_CHANNEL } from '../test/harness/users.js';
import { benchApprover, benchRequester } from './bot.js';
import { runPool, waitUntil } from './stats.js';

const withApprove = (m: StoredMessage) => !m.thread_ts && JSON.stringify(m.blocks ?? []).includes('"Approve"');

/**
 * The first `n` approval messages with an Approve button not clicked yet (`seen`), once there are
 * `n`. Polled every half second: each look copies every message of the channel, and a faster poll
 * takes CPU from the bot while it drains.
 */
export const approvals = (slack: SlackFake, seen: Set<string>, n: number, timeoutMs = 120_000) =>
  waitUntil(
    () => {
      const found = slack.messages({ channel: APPROVAL_CHANNEL }).filter((m) => withApprove(m) && !seen.has(m.ts));
      if (found.length < n) return false;
      const picked = found.slice(0, n);
      picked.forEach((m) => seen.add(m.ts));
      return picked;
    },
    `${n} approval messages`,
    timeoutMs,
    500,
  );

export interface Sample {
  ms: number;
  status: number;
}

/** The `i`-th signed `/rotate-key`, by the `i`-th requester; the sample is send → HTTP response. */
export async function rotateCommand(driver: SlackDriver, raw: string, i: number): Promise<Sample> {
  const started = performance.now();
  const res = await driver.command('/rotate-key', `${raw} --reason "bench"`, { user: benchRequester(i) });
  return { ms: performance.now() - started, status: res.status };
}

/** The `i`-th signed click on an approval message's Approve button, by the `i`-th approver. */
export async function approveClick(driver: SlackDriver, m: StoredMessage, i: number): Promise<Sample> {
  const started = performance.now();
  const res = await driver.click(m, 'Approve', { user: benchApprover(i) });
  return { ms: performance.now() - started, status: res.status };
}

/** Closed loop: `concurrency` senders, each sending its next request (item `i`) as soon as the last one is answered. */
export async function closedLoop<T>(
  items: readonly T[],
  concurrency: number,
  send: (item: T, i: number) => Promise<Sample>,
): Promise<Sample[]> {
  const out: Sample[] = [];
  await runPool(items, concurrency, async (item, i) => void out.push(await send(item, i)));
  return out;
}

/**
 * Open loop: one request every 1/rate seconds whether or not earlier ones were answered, as
 * requests from many people arrive. Shows the ack itself when the bot is not saturated.
 */
export async function openLoop<T>(
  items: readonly T[],
  perSecond: number,
  send: (item: T, i: number) => Promise<Sample>,
): Promise<Sample[]> {
  const started = performance.now();
  const sent = items.map(async (item, i) => {
    const wait = started + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    return send(item, i);
  });
  return Promise.all(sent);
}

import type { SlackDriver } from '../test/harness/slack-driver.js';
import type { StoredMessage } from '../test/harness/slack-fake/index.js';
import { USERS } from '../test/harness/users.js';
import { runPool } from './stats.js';

export interface Sample {
  ms: number;
  status: number;
}

/** One signed `/rotate-key` by the requester; the sample is send → HTTP response. */
export async function rotateCommand(driver: SlackDriver, raw: string): Promise<Sample> {
  const started = performance.now();
  const res = await driver.command('/rotate-key', `${raw} --reason "bench"`, { user: USERS.requester });
  return { ms: performance.now() - started, status: res.status };
}

/** One signed click on the approval message's Approve button by an approver. */
export async function approveClick(driver: SlackDriver, m: StoredMessage): Promise<Sample> {
  const started = performance.now();
  const res = await driver.click(m, 'Approve', { user: USERS.approver1 });
  return { ms: performance.now() - started, status: res.status };
}

/** Closed loop: `concurrency` senders, each sending its next request as soon as the last one is answered. */
export async function closedLoop<T>(items: readonly T[], concurrency: number, send: (item: T) => Promise<Sample>): Promise<Sample[]> {
  const out: Sample[] = [];
  await runPool(items, concurrency, async (item) => void out.push(await send(item)));
  return out;
}

/**
 * Open loop: one request every 1/rate seconds whether or not earlier ones were answered, as
 * requests from many people arrive. Shows the ack itself when the bot is not saturated.
 */
export async function openLoop<T>(items: readonly T[], perSecond: number, send: (item: T) => Promise<Sample>): Promise<Sample[]> {
  const started = performance.now();
  const sent = items.map(async (item, i) => {
    const wait = started + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    return send(item);
  });
  return Promise.all(sent);
}

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { loopLateness } from '../src/ops/loop-lateness.js';
import type { SlackDriver } from '../test/harness/slack-driver.js';
import type { SlackFake, StoredMessage } from '../test/harness/slack-fake/index.js';
import { APPROVAL_CHANNEL } from '../test/harness/users.js';
import { benchApprover, benchRequester } from './bot.js';
import { runPool, waitUntil } from './stats.js';

interface Block {
  type?: string;
  elements?: Array<{ text?: { text?: string } }>;
}
const withApprove = (m: StoredMessage) =>
  !m.thread_ts && ((m.blocks ?? []) as Block[]).some((b) => b.type === 'actions' && b.elements?.some((e) => e.text?.text === 'Approve'));

/**
 * The first `n` approval messages with an Approve button not clicked yet (`seen`), once there are
 * `n`. Polled every half second; only the messages kept are copied out of the fake. Copying the
 * whole channel each look (thousands of messages by the later rounds) left garbage whose
 * collection paused the senders in the next loop for 40–50 ms at a time.
 */
export const approvals = (slack: SlackFake, seen: Set<string>, n: number, timeoutMs = 120_000) =>
  waitUntil(
    () => {
      const found = slack.messages({ channel: APPROVAL_CHANNEL, where: (m) => !seen.has(m.ts) && withApprove(m) });
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

/** The bot's `keybot_slack_ack_seconds` histogram from its /metrics: cumulative counts by bucket bound in ms (Infinity: all). */
export async function ackHistogram(port: number): Promise<Map<number, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const buckets = new Map<number, number>();
  for (const m of text.matchAll(/^keybot_slack_ack_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm))
    buckets.set(m[1] === '+Inf' ? Number.POSITIVE_INFINITY : Math.round(Number(m[1]) * 1000), Number(m[2]));
  return buckets;
}

/** The bot's `keybot_rotations_in_grace` from its /metrics: rotations that have handed over their new key. */
export async function rotationsInGrace(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/^keybot_rotations_in_grace (\S+)$/m.exec(text)?.[1] ?? Number.NaN);
}

/**
 * The acks between two scrapes as the bot timed them (from the HTTP request's arrival to the answer
 * sent): how many, the share within 50 ms, and the bucket bound the p99 falls under. What the
 * senders measure beyond that is time outside the bot's handling: the request waiting for the
 * bot's event loop, the network stack and the sender's own process.
 */
export function ackedInBot(before: Map<number, number>, after: Map<number, number>): { n: number; within50: number; p99AtMostMs: number } {
  const counts = [...after].map(([le, c]) => [le, c - (before.get(le) ?? 0)] as const).sort((a, b) => a[0] - b[0]);
  const n = counts.at(-1)?.[1] ?? 0;
  const within50 = counts.find(([le]) => le === 50)?.[1] ?? Number.NaN;
  const p99 = counts.find(([, c]) => c >= 0.99 * n)?.[0] ?? Number.NaN;
  return { n, within50: n > 0 ? Math.round((within50 / n) * 1000) / 10 : Number.NaN, p99AtMostMs: p99 };
}

/**
 * The bench process's own event-loop delay from now until `stop()` (p99 and max, ms): the senders
 * and the Slack fake share it, so a sender's latency includes how late its own loop ran.
 */
export function senderLoopDelay(): { stop(): { p99: number; max: number } } {
  const h = loopLateness();
  const ms = (v: number) => Math.round(v * 100) / 100;
  return {
    stop() {
      h.disable();
      return { p99: ms(h.percentile(99)), max: ms(h.max()) };
    },
  };
}

/**
 * A server in its own process that reads each POST and answers 200 at once: the same senders
 * against it give the floor of the closed loop on this machine (the client's own fetch, the
 * kernel, the scheduling of two cores), beside which the bot's figure is read.
 */
export async function startFloorServer(): Promise<{ url: string; stop(): void }> {
  const code = `const s = require('node:http').createServer((q, r) => { q.resume(); q.on('end', () => r.writeHead(200).end()); });
s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('exit', (c) => reject(new Error(`the floor server exited (${c}) before listening`)));
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  return { url: `http://127.0.0.1:${port.trim()}`, stop: () => void child.kill() };
}

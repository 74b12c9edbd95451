import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type DeliveryKind, httpTransport } from '../test/harness/slack-transport.js';

/**
 * Slack's sending side of the ack benches, as its own process (bench/sender-process.ts forks it).
 * It signs and posts each delivery it is handed and times it from the send to the answer. At
 * Slack the senders share nothing with the API servers the bot posts to; in the bench process they
 * shared an event loop with the Slack fake, so the fake's work for the bot's posts was counted as
 * ack latency. Reads APP_URL and SIGNING_SECRET.
 */
export type SenderRequest = { type: 'deliver'; kind: DeliveryKind; payload: Record<string, unknown> } | { type: 'loop' };
export type SenderAsk = SenderRequest & { id: number };
export type SenderReply = { id: number; status: number; body: string; ms: number } | { id: number; loop: { p99: number; max: number } };

const send = (m: SenderReply) => process.send?.(m);
const transport = httpTransport({ appUrl: process.env['APP_URL'] ?? '', signingSecret: process.env['SIGNING_SECRET'] ?? '' });
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const ms = (ns: number) => Math.round(ns / 1e4) / 100;

process.on('message', (m: SenderAsk) => {
  if (m.type === 'loop') {
    // this process's own event-loop delay since the last ask: how late the senders themselves were
    send({ id: m.id, loop: { p99: ms(delay.percentile(99)), max: ms(delay.max) } });
    delay.reset();
    return;
  }
  const started = performance.now();
  transport.deliver(m.kind, m.payload).then(
    (res) => send({ id: m.id, status: res.status, body: res.body, ms: performance.now() - started }),
    () => send({ id: m.id, status: 0, body: '', ms: performance.now() - started }),
  );
});
process.on('disconnect', () => process.exit(0));

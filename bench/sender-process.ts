import { type ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import type { Delivery, SlackTransport } from '../test/harness/slack-transport.js';
import type { SenderReply, SenderRequest } from './sender.js';

/** A delivery as the sender process timed it: from its send to the bot's answer, in that process. */
export type TimedDelivery = Delivery & { senderMs: number };

export interface SenderProcess {
  /** for slackDriver({ fake, transport }): every delivery goes out from the sender process */
  transport: SlackTransport;
  /** the sender process's own event-loop delay since the last call: p99 and max, ms */
  loopDelay(): Promise<{ p99: number; max: number }>;
  stop(): Promise<void>;
}

/** Forks bench/sender.ts, which signs and posts to `appUrl` (the bot) and times each answer. */
export function startSender(appUrl: string, signingSecret: string): SenderProcess {
  const child: ChildProcess = fork(resolve('dist/bench/sender.js'), [], {
    env: { PATH: process.env['PATH'], APP_URL: appUrl, SIGNING_SECRET: signingSecret },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (r: SenderReply) => void>();
  child.on('message', (r: SenderReply) => {
    waiting.get(r.id)?.(r);
    waiting.delete(r.id);
  });
  let lastId = 0;
  const ask = (m: SenderRequest): Promise<SenderReply> =>
    new Promise((done) => {
      const id = ++lastId;
      waiting.set(id, done);
      child.send({ ...m, id });
    });
  const httpOnly = () => {
    throw new Error('the sender process only delivers; raw posts and lastSent are for the tests');
  };
  return {
    transport: {
      async deliver(kind, payload): Promise<TimedDelivery> {
        const r = await ask({ type: 'deliver', kind, payload });
        if (!('status' in r)) throw new Error('the sender process answered a delivery with something else');
        return { status: r.status, body: r.body, senderMs: r.ms };
      },
      raw: httpOnly,
      lastSent: httpOnly,
    },
    async loopDelay() {
      const r = await ask({ type: 'loop' });
      if (!('loop' in r)) throw new Error('the sender process answered a loop ask with something else');
      return r.loop;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.disconnect();
      await exited;
    },
  };
}

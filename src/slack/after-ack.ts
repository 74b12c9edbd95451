import { type AckFirst, noDeliveries } from '../ack-first.js';
import { KeybotError } from '../errors.js';

/**
 * The work a listener starts after its ack (Tyk lookups, drafts, modal downloads) runs in a lane,
 * a few at a time. Node has one thread: without a bound, a burst of commands makes every new
 * request's ack wait behind the whole burst's work, and Slack gives up after 3 seconds. Clicks and
 * slash-command work have a lane each, so ten slow commands never hold up an approver's click;
 * background jobs run in the scheduler, outside both.
 *
 * Acks come first: a listener's `ack()` writes the HTTP answer at once, but what follows it would
 * otherwise run on in the same turn of the event loop (microtasks), ahead of every other request
 * already read from the sockets. `run` starts its work at its turn (`src/ack-first.ts`): once
 * the deliveries that arrived meanwhile are all acked, so requests that arrive together are all
 * verified and acked before any of their work runs (docs/reliability.md).
 */
export interface LaneOptions {
  /** jobs of this lane running at once */
  concurrency: number;
  /** jobs one person may have in the lane (waiting or running); beyond, "busy, try again" */
  perUser: number;
  /** from queueing to the end of the work; past it the person is told it timed out */
  timeLimitMs: number;
}

export type LaneName = 'commands' | 'clicks';
export type Lanes = Record<LaneName, Lane>;

export const DEFAULT_LANES: Readonly<Record<LaneName, LaneOptions>> = {
  // An import submission downloads and previews up to 10 files here: minutes for a large export.
  commands: { concurrency: 2, perUser: 2, timeLimitMs: 5 * 60_000 },
  clicks: { concurrency: 4, perUser: 2, timeLimitMs: 60_000 },
};

const seconds = (ms: number) => (ms < 1000 ? `${ms}ms` : `${Math.round(ms / 1000)}s`);

export interface Lane {
  /** Runs `work` for `user` when a slot is free; throws a KeybotError (busy, timed out) the user can read. */
  run<T>(user: string, work: () => Promise<T>): Promise<T>;
}

/** `concurrency` slots; a waiter whose deadline passes leaves the queue without a slot. */
function slotQueue(concurrency: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return {
    acquire(deadline: number): Promise<boolean> {
      if (running < concurrency) {
        running += 1;
        return Promise.resolve(true);
      }
      return new Promise<boolean>((resolve) => {
        const turn = () => {
          clearTimeout(timer);
          running += 1;
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(turn), 1);
          resolve(false);
        }, deadline - Date.now());
        waiting.push(turn);
      });
    },
    release(): void {
      running -= 1;
      waiting.shift()?.();
    },
  };
}

/** The work's outcome, or `undefined` once the deadline passed first (the work itself goes on). */
async function beforeDeadline<T>(work: Promise<T>, deadline: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

export function lane(
  o: LaneOptions,
  onLateFailure: (err: unknown) => void = () => undefined,
  turn: () => Promise<void> = noDeliveries.turn,
): Lane {
  const slots = slotQueue(o.concurrency);
  const perUser = new Map<string, number>();
  const limit = seconds(o.timeLimitMs);
  return {
    async run<T>(user: string, work: () => Promise<T>): Promise<T> {
      const held = perUser.get(user) ?? 0;
      if (held >= o.perUser)
        throw new KeybotError(
          'CONFLICT',
          `Busy: you already have ${o.perUser} requests being worked on. Try again when one of them has answered.`,
        );
      perUser.set(user, held + 1);
      const deadline = Date.now() + o.timeLimitMs;
      try {
        await turn();
        if (!(await slots.acquire(deadline)))
          throw new KeybotError('INTERNAL', `Timed out: this waited ${limit} for its turn and was not started. Try again.`, true);
        const job = work();
        try {
          const done = await beforeDeadline(job, deadline);
          if (done) return done.value;
          job.catch(onLateFailure); // no longer waited for, but it may still fail
          throw new KeybotError(
            'INTERNAL',
            `Timed out: this took longer than ${limit}. If it still finishes, its answer follows; otherwise try again.`,
            true,
          );
        } finally {
          slots.release();
        }
      } finally {
        const left = (perUser.get(user) ?? 1) - 1;
        if (left > 0) perUser.set(user, left);
        else perUser.delete(user);
      }
    },
  };
}

export function afterAckLanes(
  o: Partial<Record<LaneName, Partial<LaneOptions>>> = {},
  onLateFailure?: (err: unknown) => void,
  acks: AckFirst = noDeliveries,
): Lanes {
  return {
    commands: lane({ ...DEFAULT_LANES.commands, ...o.commands }, onLateFailure, acks.turn),
    clicks: lane({ ...DEFAULT_LANES.clicks, ...o.clicks }, onLateFailure, acks.turn),
  };
}

import type { Clock } from '../../clock.js';
import type { Log } from '../../log.js';
import type { RequestRecord } from '../../store/requests.js';
import type { Notifier } from '../notices.js';
import type { ItemOutcome } from './process-item.js';

/** Slack allows about one update per second per message; every 2 s keeps well inside it. */
const EVERY_MS = 2_000;

/**
 * Counts a running batch and tells the thread how far it is, at most every 2 seconds, with an
 * ETA from the rate so far. Best effort: a failed update is logged and the batch goes on.
 */
export function progressReporter(o: {
  notifier: Notifier;
  clock: Clock;
  log: Log;
  request: RequestRecord;
  total: number;
  alreadyDone: number;
}) {
  const counts: Partial<Record<ItemOutcome, number>> = {};
  const started = o.clock.now();
  let done = 0;
  let lastSent = 0;
  let sending: Promise<void> = Promise.resolve();
  const send = () => {
    lastSent = o.clock.now();
    const elapsed = Math.max(1, lastSent - started);
    const left = o.total - o.alreadyDone - done;
    const etaMs = done > 0 ? Math.round((elapsed / done) * left) : null;
    sending = sending
      .then(() =>
        o.notifier.send({
          type: 'import-progress',
          request: o.request,
          done: o.alreadyDone + done,
          total: o.total,
          counts: { ...counts },
          etaMs,
        }),
      )
      .catch((err) => o.log.warn({ err }, 'progress update failed'));
  };
  return {
    count(outcome: ItemOutcome): void {
      counts[outcome] = (counts[outcome] ?? 0) + 1;
      done += 1;
      if (o.clock.now() - lastSent >= EVERY_MS) send();
    },
    start: send,
    flush: async (): Promise<void> => sending,
  };
}

import type { ChainHead } from '../store/history.js';
import type { WorkflowDeps } from './deps.js';

/** How often the chain head is posted to NOTIFY_CHANNEL. */
export const CHAIN_HEAD_EVERY_MS = 24 * 3_600_000;

/**
 * Posts the head of the chained history (row number and MAC) to NOTIFY_CHANNEL once a day, and
 * records that it did (every hygiene digest shows the head too, and counts as a post). Someone who rewrites the whole database with the key can recompute every
 * MAC, but cannot change what Slack already shows: `audit verify` must print a head that contains
 * the posted row with the posted MAC. Called from the scheduler's maintenance; a failed post is
 * tried again at the next tick.
 */
export function chainHeadPoster(d: Pick<WorkflowDeps, 'store' | 'clock' | 'notifier' | 'log'>) {
  let posting = false;
  return async (o: { force?: boolean } = {}): Promise<boolean> => {
    const { store, clock } = d;
    // the first post comes a day after the first row, then one a day
    const since = store.history.lastAt('chain-head-posted') ?? store.history.firstAt();
    if (posting || since === null || (!o.force && clock.now() - since < CHAIN_HEAD_EVERY_MS)) return false;
    const head = store.history.head();
    posting = true;
    try {
      const at = clock.now();
      await d.notifier.send({ type: 'chain-head', seq: head.seq, mac: head.mac, at });
      recordChainHeadPosted(d, head, at);
      return true;
    } catch (e) {
      d.log.warn({ err: e }, 'posting the history chain head failed; trying again at the next tick');
      return false;
    } finally {
      posting = false;
    }
  };
}

/**
 * The history row saying a chain head was shown in Slack (the daily post, or the context line of a
 * hygiene digest); the daily post counts its day from the last one.
 */
export function recordChainHeadPosted(d: Pick<WorkflowDeps, 'store'>, head: ChainHead, at: number): void {
  d.store.history.append({ requestId: null, event: 'chain-head-posted', actor: 'keybot', at, data: { seq: head.seq, mac: head.mac } });
}

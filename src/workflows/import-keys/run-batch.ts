import type { Clock } from '../../clock.js';
import type { Log } from '../../log.js';
import type { OpenedItem } from '../../store/import-items.js';
import type { Store } from '../../store/index.js';
import type { RequestRecord } from '../../store/requests.js';
import type { TykServices } from '../../tyk/services.js';
import { keyHash } from '../../tyk/token.js';
import { recordOrigin } from '../inventory/record-origin.js';
import type { Notifier } from '../notices.js';
import { paramsOf, stateOf } from '../saved.js';
import { toCounts } from './counts.js';
import { forEachBounded } from './for-each-bounded.js';
import { type GroupCommit, groupCommit } from './group-commit.js';
import { itemPages } from './item-pages.js';
import { type Created, processItem } from './process-item.js';
import { progressReporter } from './progress.js';
import { indexImportedKeys } from './record-keys.js';
import { targetFor } from './target-for.js';
import { verifyBatch } from './verify-batch.js';

/** What a batch runs with: in the import's worker thread its own store connection, Tyk clients and clock. */
export interface BatchDeps {
  store: Store;
  clock: Clock;
  log: Log;
  tyk: TykServices;
  notifier: Notifier;
  concurrency: number;
}

/**
 * The keys of an approved import not done yet, `concurrency` at a time, each checkpointed in SQLite
 * (the workers' writes of one event-loop turn in one commit), then the batch verified. Cancel
 * (`cancelRequested` in the request's state, read from SQLite every second) stops after the calls in
 * flight. Runs in the import's worker thread (execute-worker.ts).
 */
export async function runBatch(d: BatchDeps, r: RequestRecord): Promise<{ cancelled: boolean }> {
  const { store, clock, log } = d;
  const p = paramsOf('import-keys', r);
  const before = toCounts(store.importItems.counts(r.id));
  const target = targetFor(d.tyk, p);
  await target.prepare();
  const progress = progressReporter({ notifier: d.notifier, clock, log, request: r, total: p.total, alreadyDone: p.total - before.new });
  progress.start();
  const sample: OpenedItem[] = [];
  let cancelled = false;
  let lastCheck = 0;
  const stop = () => {
    if (clock.now() - lastCheck > 1_000) {
      lastCheck = clock.now();
      // A request that is gone cannot be continued: treat it as cancelled rather than crash.
      const now = store.requests.get(r.id);
      cancelled = now ? Boolean(stateOf('import-keys', now).cancelRequested) : true;
    }
    return cancelled;
  };
  const commits = groupCommit((fn) => store.tx(fn));
  await settled(
    commits,
    forEachBounded(
      itemPages(store, r.id, ['ready', 'creating']),
      d.concurrency,
      async (item) => {
        const outcome = await processItem({ store, clock, log, target, requestId: r.id, onConflict: p.onConflict, commits }, item, (c) => {
          if (sample.length < 20) sample.push(item);
          if (p.target !== 'portal') keepOrigin(store, r.id, item, c);
        });
        progress.count(outcome);
      },
      stop,
    ),
  );
  await progress.flush();
  await verifyBatch(store, r.id, target, sample);
  // What the batch's final transaction (execute.ts finishImport) does for every key, done here first
  // in small steps: that transaction then finds nothing left to write and holds SQLite's write lock,
  // which the bot's acks also need, for a moment rather than seconds. Both are safe to repeat.
  await store.importItems.eraseSecretsGradually(r.id);
  await indexImportedKeys(store, r.id);
  return { cancelled };
}

/**
 * The batch's outcomes are all committed before it goes on (or fails): a failed run still keeps the
 * outcomes of the keys it made. Its own error is the one thrown; a failed commit otherwise.
 */
async function settled(commits: GroupCommit, run: Promise<void>): Promise<void> {
  try {
    await run;
  } catch (e) {
    await commits.settle().catch(() => {});
    throw e;
  }
  await commits.settle();
}

/** The key inventory learns the imported key and its source platform's creation date (its age counts from it). */
function keepOrigin(store: Store, requestId: string, item: OpenedItem, c: Created): void {
  const hash = c.keyHash ?? keyHash(c.handle.reveal());
  recordOrigin(store, {
    token: c.handle,
    keyHash: hash,
    fingerprint: item.key.fingerprint,
    requestId,
    sourceCreatedAt: item.createdAt ?? null,
  });
}

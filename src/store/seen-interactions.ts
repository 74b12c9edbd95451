import type { Db } from './open-database.js';

/** The `seen_interactions` table: Slack deliveries already handled (replay guard). */
export interface SeenInteractionStore {
  /** records every identity and returns true, or returns false (recording nothing) when any was seen before */
  claim(ids: readonly string[], now: number): boolean;
}

/**
 * Identities of Slack deliveries the bot has handled (a request signature, a trigger_id, a view
 * submission, a click's action_ts). Kept in SQLite so a replay is refused also after a restart;
 * a row is pruned once it is older than `keepMs`, well past the 5 minutes Slack's signature is valid.
 */
export function seenInteractionStore(db: Db, keepMs = 60 * 60_000): SeenInteractionStore {
  const find = db.prepare<[string], { id: string }>('SELECT id FROM seen_interactions WHERE id = ?');
  const insert = db.prepare('INSERT INTO seen_interactions (id, seen_at) VALUES (?, ?)');
  const prune = db.prepare('DELETE FROM seen_interactions WHERE seen_at < ?');
  let prunedAt = 0;
  const claim = db.transaction((ids: readonly string[], now: number): boolean => {
    if (ids.some((id) => find.get(id))) return false;
    for (const id of new Set(ids)) insert.run(id, now);
    return true;
  });
  return {
    /** Records every identity and returns true, or returns false (recording nothing) when any was seen before. */
    claim(ids: readonly string[], now: number): boolean {
      if (now - prunedAt > 60_000) {
        prune.run(now - keepMs);
        prunedAt = now;
      }
      return claim.immediate(ids, now);
    },
  };
}

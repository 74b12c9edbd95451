import { hostname } from 'node:os';
import type { Db } from './open-database.js';

interface Row {
  id: string;
  pid: number;
  host: string;
  heartbeat_at: number;
}

/** A process is alive when signal 0 reaches it; EPERM still means it exists. */
const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Scheduler processes sharing the database. A job claimed by a runner that no longer exists is
 * returned to the queue at once (same host: its PID is gone) or when the runner stops beating
 * (other hosts), so a SIGKILL between claim and completion loses nothing.
 */
/** The bot's scheduler counts as running while its last tick is at most 3 intervals old, and at least 5 minutes. */
export const botIsLive = (t: BotTick, now: number): boolean => now - t.tickedAt <= Math.max(3 * t.everyMs, 5 * 60_000);

export interface BotTick {
  tickedAt: number;
  everyMs: number;
}

/** The `runners` table: scheduler processes sharing the database, and the bot's ticks. */
export interface RunnerStore {
  /** a scheduler process starts: its row, with this PID and host */
  register(id: string, now: number): void;
  /** the runner is still alive */
  heartbeat(id: string, now: number): void;
  /** runners that are certainly dead; their rows are removed as they are reported */
  dead(self: string, now: number, staleAfterMs: number): string[];
  /** a scheduler process stops: its row goes */
  unregister(id: string): void;
  /** a bot's scheduler (not the CLI's) records each cron tick and how often it ticks */
  ticked(id: string, now: number, everyMs: number): void;
  /** the newest tick of a bot's scheduler still registered on this database, or null */
  lastBotTick(): BotTick | null;
}

export function runnerStore(db: Db): RunnerStore {
  const insert = db.prepare('INSERT INTO runners (id, pid, host, started_at, heartbeat_at) VALUES (@id, @pid, @host, @now, @now)');
  const beat = db.prepare('UPDATE runners SET heartbeat_at = ? WHERE id = ?');
  const others = db.prepare<[string], Row>('SELECT id, pid, host, heartbeat_at FROM runners WHERE id <> ?');
  const remove = db.prepare('DELETE FROM runners WHERE id = ?');
  const tick = db.prepare('UPDATE runners SET ticked_at = ?, tick_every_ms = ? WHERE id = ?');
  const lastTick = db.prepare<[], { ticked_at: number; tick_every_ms: number }>(
    'SELECT ticked_at, tick_every_ms FROM runners WHERE ticked_at IS NOT NULL ORDER BY ticked_at DESC LIMIT 1',
  );
  const host = hostname();

  return {
    register: (id: string, now: number): void => void insert.run({ id, pid: process.pid, host, now }),
    heartbeat: (id: string, now: number): void => void beat.run(now, id),
    /** Runners that are certainly dead; their rows are removed as they are reported. */
    dead(self: string, now: number, staleAfterMs: number): string[] {
      const dead = others
        .all(self)
        .filter((r) => (r.host === host ? !isProcessAlive(r.pid) : r.heartbeat_at < now - staleAfterMs))
        .map((r) => r.id);
      return dead;
    },
    unregister: (id: string): void => void remove.run(id),
    /** A bot's scheduler (not the CLI's) records each cron tick and how often it ticks. */
    ticked: (id: string, now: number, everyMs: number): void => void tick.run(now, everyMs, id),
    /** The newest tick of a bot's scheduler still registered on this database, or null. */
    lastBotTick(): BotTick | null {
      const r = lastTick.get();
      return r ? { tickedAt: r.ticked_at, everyMs: r.tick_every_ms } : null;
    },
  };
}

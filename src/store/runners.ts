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
export function runnerStore(db: Db) {
  const insert = db.prepare('INSERT INTO runners (id, pid, host, started_at, heartbeat_at) VALUES (@id, @pid, @host, @now, @now)');
  const beat = db.prepare('UPDATE runners SET heartbeat_at = ? WHERE id = ?');
  const others = db.prepare<[string], Row>('SELECT id, pid, host, heartbeat_at FROM runners WHERE id <> ?');
  const remove = db.prepare('DELETE FROM runners WHERE id = ?');
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
  };
}

export type RunnerStore = ReturnType<typeof runnerStore>;

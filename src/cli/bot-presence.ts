import type { Store } from '../store/index.js';
import { botIsLive } from '../store/runners.js';
import type { CliIo } from './output.js';

/**
 * Null when a bot's scheduler ticks on this database (it retires the old keys and sends the
 * reminders of what the CLI starts); else the sentence saying that none does.
 */
export function noBotOn(store: Store, dbPath: string, now: number): string | null {
  const tick = store.runners.lastBotTick();
  if (tick && botIsLive(tick, now)) return null;
  const last = tick ? `its last tick was ${new Date(tick.tickedAt).toISOString()}` : 'none has ever ticked on it';
  return `no tyk-keybot bot runs on the database ${dbPath} (KEYBOT_DB): ${last}`;
}

/** After a CLI request: steps of it that only a running bot carries out, and none runs. */
export function warnIfLeftForBot(store: Store, dbPath: string, requestId: string, io: CliIo, now = Date.now()): void {
  const waiting = store.jobs.forRequest(requestId).filter((j) => j.status === 'pending');
  const none = waiting.length > 0 ? noBotOn(store, dbPath, now) : null;
  if (!none) return;
  const steps = [...new Set(waiting.map((j) => j.step))].join(', ');
  io.err(`warning: ${none}. ${requestId} has ${waiting.length} step(s) left (${steps}); they run when a bot starts on this database.`);
}

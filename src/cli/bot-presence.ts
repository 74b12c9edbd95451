import type { Records } from '../workflows/records.js';
import type { CliIo } from './output.js';

/**
 * Null when a bot's scheduler ticks on this database (it retires the old keys and sends the
 * reminders of what the CLI starts); else the sentence saying that none does.
 */
export function noBotOn(records: Records, dbPath: string, now: number): string | null {
  const bot = records.bot(now);
  if (bot.live) return null;
  const last = bot.lastTickAt !== null ? `its last tick was ${new Date(bot.lastTickAt).toISOString()}` : 'none has ever ticked on it';
  return `no tyk-keybot bot runs on the database ${dbPath} (KEYBOT_DB): ${last}`;
}

/** After a CLI request: steps of it that only a running bot carries out, and none runs. */
export function warnIfLeftForBot(records: Records, dbPath: string, requestId: string, io: CliIo, now = Date.now()): void {
  const waiting = records.pendingSteps(requestId);
  const none = waiting.length > 0 ? noBotOn(records, dbPath, now) : null;
  if (!none) return;
  const steps = [...new Set(waiting)].join(', ');
  io.err(`warning: ${none}. ${requestId} has ${waiting.length} step(s) left (${steps}); they run when a bot starts on this database.`);
}

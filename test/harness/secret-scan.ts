import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Harness } from './harness.js';

/**
 * Where a secret must never appear: every Slack call except the Reveal modals, every log line, and
 * the SQLite files (database, WAL). Returns the places a value was found, for a readable failure.
 */
export function findLeaks(h: Harness, values: string[]): string[] {
  const leaks: string[] = [];
  const check = (where: string, text: string) => leaks.push(...leaksIn(where, text, values));
  for (const c of h.slack.calls) {
    const isRevealModal = c.method === 'views.open' && JSON.stringify(c.args).includes('"callback_id":"reveal_value"');
    if (!isRevealModal) check(`Slack call ${c.method}`, JSON.stringify(c.args));
  }
  check('log', h.logs.text());
  const dir = dirname(h.config.dbPath);
  for (const f of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, f));
    values.forEach((v) => bytes.includes(Buffer.from(v)) && leaks.push(`SQLite file ${f} holds a secret`));
  }
  return leaks;
}

/** The places in one text (a terminal's output, a log) where one of `values` appears, named by `where`. */
export function leaksIn(where: string, text: string, values: string[]): string[] {
  return values.filter((v) => text.includes(v)).map((v) => `${where} holds a secret (${v.length} chars)`);
}

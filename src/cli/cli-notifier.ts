import type { Notice, Notifier } from '../workflows/notices.js';
import type { CliIo } from './output.js';

/** Notices of a CLI run, as lines on stderr (stdout carries the result, e.g. --json). */
export function cliNotifier(io: CliIo): Notifier {
  return {
    async send(n: Notice): Promise<void> {
      switch (n.type) {
        case 'progress':
        case 'succeeded':
          return io.err(n.text.replace(/:[a-z_]+: /g, ''));
        case 'failed':
          return io.err(`failed: ${n.message}`);
        case 'import-progress': {
          const pct = n.total > 0 ? Math.floor((n.done / n.total) * 100) : 100;
          const eta = n.etaMs === null ? '' : ` ETA ${Math.ceil(n.etaMs / 1000)}s`;
          const filled = Math.round(pct / 5);
          return io.progress?.(`[${'#'.repeat(filled)}${'-'.repeat(20 - filled)}] ${pct}% ${n.done}/${n.total}${eta}`);
        }
        default:
          return; // approvals, reveals and reminders are for Slack; the bot's own scheduler sends them
      }
    },
  };
}

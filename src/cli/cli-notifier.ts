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
        default:
          return; // approvals, reveals and reminders are for Slack; the bot's own scheduler sends them
      }
    },
  };
}

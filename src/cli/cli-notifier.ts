import { formatTime } from '../format-time.js';
import type { Notice, Notifier } from '../workflows/notices.js';
import { sayText } from '../workflows/say.js';
import type { CliIo } from './output.js';

/**
 * A notice as a terminal line: plain text, no emoji; people by their IDs (a Slack user's `U…`, an
 * operator's `cli:…`). The Slack wording of the same notices is in src/slack/blocks/event-messages.ts.
 */
// long: one case per notice a terminal user reads
export function cliLine(n: Notice): string | undefined {
  switch (n.type) {
    case 'progress':
      return n.text;
    case 'succeeded':
      return sayText(n.text);
    case 'failed':
      return `failed: ${n.message}`;
    case 'still-waiting':
      return `${n.request.id} (${n.request.summary.title}) is still waiting for approval by ${n.approvers.join(', ')}.`;
    case 'break-glass-acknowledged':
      return `${n.by} acknowledged the break-glass approval of ${n.request.id} by ${n.approver}.`;
    case 'grace-extended':
      return `${n.by} extended the grace period; the old key ${n.fingerprint} now retires at ${formatTime(n.retireAt)}.`;
    case 'retirement-cancelled':
      return `${n.by} cancelled the retirement: the new key stays and the old key ${n.fingerprint} keeps working.`;
    case 'key-restored':
      return n.revoked
        ? `${n.by} restored the revoked key ${n.fingerprint}; it works again.`
        : `${n.by} restored the old key ${n.fingerprint}; it works again next to the new one. Rotate again when the clients have moved.`;
    case 'restore-failed':
      return `Restoring the old key failed: ${n.message}`;
    case 'retirement-reapplied':
      return `The old key ${n.fingerprint} worked again after retirement: a gateway's session cache wrote it back while it was still in use. ${
        n.last
          ? `This was the ${n.attempt}th time; the bot stops re-applying: a client is still calling with the old key.`
          : 'Retirement was applied again.'
      } To stop this, set \`local_session_cache.disable_cached_session_state: true\` in tyk.conf, or move the last clients first.`;
    case 'step-failed':
      return `${n.step} of ${n.request.id} failed: ${n.message}`;
    default:
      return undefined; // approvals, reveals and reminders are for Slack; the bot's own scheduler sends them
  }
}

/** Notices of a CLI run, as lines on stderr (stdout carries the result, e.g. --json). */
export function cliNotifier(io: CliIo): Notifier {
  return {
    async send(n: Notice): Promise<void> {
      if (n.type === 'import-progress') {
        const pct = n.total > 0 ? Math.floor((n.done / n.total) * 100) : 100;
        const eta = n.etaMs === null ? '' : ` ETA ${Math.ceil(n.etaMs / 1000)}s`;
        const filled = Math.round(pct / 5);
        return io.progress?.(`[${'#'.repeat(filled)}${'-'.repeat(20 - filled)}] ${pct}% ${n.done}/${n.total}${eta}`);
      }
      const line = cliLine(n);
      if (line !== undefined) io.err(line);
    },
  };
}

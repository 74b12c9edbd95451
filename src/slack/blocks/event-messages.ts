import type { Notice } from '../../workflows/notices.js';
import { approverPart, joinParts } from '../../workflows/say.js';
import { formatTime, md, mention, plainMessage, type SlackMessage, say, sentence } from './kit.js';

/** The notices that report one event in a request's thread, each its own sentence (the CLI's are in cli-notifier.ts). */
export type EventNotice = Extract<
  Notice,
  {
    type:
      | 'still-waiting'
      | 'break-glass-acknowledged'
      | 'grace-extended'
      | 'retirement-cancelled'
      | 'key-restored'
      | 'restore-failed'
      | 'retirement-reapplied'
      | 'step-failed';
  }
>;

/** An event notice as its thread message: people as mentions, values escaped. */
export function eventMessage(n: EventNotice): SlackMessage {
  const r = n.request;
  switch (n.type) {
    case 'still-waiting':
      return plainMessage(
        md`:bell: ${r.id} (${r.summary.title}) is still waiting for approval by ${say(joinParts(n.approvers.map(approverPart), ', '))}.`,
      );
    case 'break-glass-acknowledged':
      return plainMessage(md`${mention(n.by)} acknowledged the break-glass approval of ${r.id} by ${mention(n.approver)}.`);
    case 'grace-extended':
      return plainMessage(
        md`${mention(n.by)} extended the grace period; the old key ${n.fingerprint} now retires at ${formatTime(n.retireAt)}.`,
      );
    case 'retirement-cancelled':
      return plainMessage(md`${mention(n.by)} cancelled the retirement: the new key stays and the old key ${n.fingerprint} keeps working.`);
    case 'key-restored':
      return plainMessage(
        n.revoked
          ? md`:leftwards_arrow_with_hook: ${mention(n.by)} restored the revoked key ${n.fingerprint}; it works again.`
          : md`:leftwards_arrow_with_hook: ${mention(n.by)} restored the old key ${n.fingerprint}; it works again next to the new one. Rotate again when the clients have moved.`,
      );
    case 'restore-failed':
      return plainMessage(md`:x: Restoring the old key failed: ${sentence(n.message)}`);
    case 'retirement-reapplied': {
      const after = n.last
        ? md`This was the ${n.attempt}th time; the bot stops re-applying: a client is still calling with the old key.`
        : md`Retirement was applied again.`;
      return plainMessage(
        md`:warning: The old key ${n.fingerprint} worked again after retirement: a gateway's session cache wrote it back while it was still in use. ${after} To stop this, set \`local_session_cache.disable_cached_session_state: true\` in tyk.conf, or move the last clients first.`,
      );
    }
    case 'step-failed':
      return plainMessage(md`:x: ${n.step} of ${r.id} failed: ${sentence(n.message)}`);
    default:
      return n satisfies never;
  }
}

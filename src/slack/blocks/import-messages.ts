import { formatDuration } from '../../duration.js';
import type { RequestRecord } from '../../store/requests.js';
import { ACTION, LABEL } from '../ids.js';
import { actions, button, context, type SlackMessage, section } from './kit.js';

const bar = (done: number, total: number) => {
  const filled = total > 0 ? Math.round((done / total) * 20) : 20;
  return `\`${'█'.repeat(filled)}${'░'.repeat(20 - filled)}\``;
};

/** The one message a running batch keeps editing. */
export function importProgressMessage(
  r: RequestRecord,
  done: number,
  total: number,
  counts: Record<string, number>,
  etaMs: number | null,
): SlackMessage {
  const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(' · ');
  const eta = etaMs === null ? '' : ` · about ${formatDuration(Math.max(1, Math.ceil(etaMs / 1000)) * 1000)} left`;
  return {
    text: `Importing ${r.id}: ${done}/${total} (${pct}%)`,
    blocks: [
      section(`*Importing* ${done} of ${total} (${pct}%)${eta}\n${bar(done, total)}\n${parts || 'starting…'}`),
      actions(`import:${r.id}`, [button(LABEL.cancel, ACTION.cancelImport, r.id)]),
      context(`${r.id} · Cancel keeps what was done (approvers or the requester)`),
    ],
  };
}

/** The last message of a batch: it starts with Import finished / failed / cancelled. */
export function importReportMessage(r: RequestRecord, lines: string[], undoable: boolean): SlackMessage {
  return {
    text: lines[0] ?? `Import ${r.id}`,
    blocks: [
      section(lines.join('\n')),
      ...(undoable ? [actions(`undo:${r.id}`, [button(LABEL.undoImport, ACTION.undoImport, r.id, 'danger')])] : []),
      context(
        `${r.id} · the results file lists every record by fingerprint${undoable ? ' · Undo import (approvers) deletes exactly the keys this batch created' : ''}`,
      ),
    ],
  };
}

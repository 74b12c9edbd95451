import { formatDuration } from '../../duration.js';
import type { ImportPreview, RequestRecord } from '../../store/requests.js';
import { previewHead, previewText, securityLists } from '../../workflows/import-keys/preview.js';
import { paramsOf } from '../../workflows/saved.js';
import { ACTION, LABEL } from '../ids.js';
import {
  actions,
  button,
  context,
  fitsIn,
  joinMd,
  type Mrkdwn,
  md,
  mdLines,
  message,
  type SlackMessage,
  section,
  sentence,
} from './kit.js';

const bar = (done: number, total: number) => {
  const filled = total > 0 ? Math.round((done / total) * 20) : 20;
  return `\`${'█'.repeat(filled)}${'░'.repeat(20 - filled)}\``;
};

/** A file posted with a message: what did not fit in it. */
export interface Attachment {
  filename: string;
  content: string;
}

/**
 * An import's preview (the approval thread, a dry run's DM). Every value from the file, Tyk or the
 * Portal is escaped. The lists that decide what the batch grants or replaces are never cut: one that
 * does not fit in a message says so, and the whole preview goes with the message as a file.
 */
export function importPreviewMessage(
  p: ImportPreview,
  filename: string,
  lead?: Mrkdwn,
  after: Mrkdwn[] = [],
): { message: SlackMessage; attachment: Attachment | null } {
  const [first = '', ...rest] = previewHead(p);
  const head = md`${lead ? md`${lead}\n` : md``}*Preview*: ${first}\n${joinMd(rest, md`\n`)}`;
  const lists = securityLists(p);
  const shown = lists.map((l) => md`*${l.title}* (${l.items.length}): ${l.items.length > 0 ? joinMd(l.items, md`, `) : 'none'}`);
  const overflow = shown.some((m) => !fitsIn(m));
  const listed = shown.map((m, i) =>
    fitsIn(m)
      ? m
      : md`*${lists[i]?.title ?? ''}* (${lists[i]?.items.length ?? 0}): too many to show in a message; every one is in the attached file ${filename}.`,
  );
  const problems =
    p.problems.length > 0
      ? md`Problems (first ${p.problems.length}):\n${joinMd(
          p.problems.map((x) => md`• ${x}`),
          md`\n`,
        )}`
      : md`No problems in the file.`;
  const sections = [
    head,
    ...listed,
    ...(overflow ? [md`:paperclip: The whole preview, every list in full, is in the attached file ${filename}.`] : []),
    problems,
    ...after, // at most 16 sections in all: far below Slack's 50 blocks
  ];
  return {
    message: message(mdLines(...sections), sections.map(section)),
    attachment: overflow ? { filename, content: `${previewText(p)}\n` } : null,
  };
}

/** A dry run's answer by DM: the preview and the warnings approvers would have seen. */
export function dryRunMessage(
  p: ImportPreview,
  warnings: string[],
  filename: string,
): { message: SlackMessage; attachment: Attachment | null } {
  const warned = warnings.map((w) => md`:warning: ${w}`);
  return importPreviewMessage(p, filename, md`*Dry run*: nothing was requested or changed.`, warned);
}

export const previewFilename = (requestId: string): string => `import-${requestId}-preview.txt`;

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
  return message(md`Importing ${r.id}: ${done}/${total} (${pct}%)`, [
    section(md`*Importing* ${done} of ${total} (${pct}%)${eta}\n${bar(done, total)}\n${parts || 'starting…'}`),
    actions(`import:${r.id}`, [button(LABEL.cancel, ACTION.cancelImport, r.id)]),
    context(md`${r.id} · Cancel keeps what was done (approvers or the requester)`),
  ]);
}

const HEADLINE = { finished: 'Import finished', failed: 'Import failed', cancelled: 'Import cancelled', undone: 'Import undone' } as const;

/** The last message of a batch: it starts with Import finished / failed / cancelled / undone; then the workflow's lines, escaped. */
export function importReportMessage(r: RequestRecord, outcome: keyof typeof HEADLINE, lines: string[], undoable: boolean): SlackMessage {
  const p = paramsOf('import-keys', r);
  const headline = md`${HEADLINE[outcome]}: ${p.total} record(s) from ${joinMd(
    p.files.map((f) => f.name),
    md`, `,
  )} into ${p.target}.`;
  return message(headline, [
    section(mdLines(headline, ...lines.map(sentence))),
    ...(undoable ? [actions(`undo:${r.id}`, [button(LABEL.undoImport, ACTION.undoImport, r.id, 'danger')])] : []),
    context(
      md`${r.id} · the results file lists every record by fingerprint${undoable ? ' · Undo import (approvers) deletes exactly the keys this batch created' : ''}`,
    ),
  ]);
}

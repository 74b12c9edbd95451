import type { KnownBlock, View } from '@slack/types';
import type { RequestRecord } from '../../store/requests.js';
import type { HomeData } from '../../workflows/home-data.js';
import { ROTATION_KINDS, stateOf } from '../../workflows/saved.js';
import { ACTION, LABEL } from '../ids.js';
import { keyLine } from './hygiene-messages.js';
import { actions, button, context, divider, formatTime, md, mention, section, sentence } from './kit.js';

const line = (r: RequestRecord) => md`*${r.summary.title}* · ${r.status} · ${r.id}`;

/** App Home: what waits for you, what you asked for, and which old keys retire soon. */
export function homeView(user: string, d: HomeData): View {
  const blocks: KnownBlock[] = [
    section(md`*Tyk keybot* · hello ${mention(user)}. \`/rotate-key help\` · \`/import-keys\` · \`/key-history\``),
  ];
  if (d.isApprover) {
    blocks.push(divider(), section(md`*Waiting for approval* (${d.pending.length})`));
    for (const r of d.pending.slice(0, 10)) {
      blocks.push(section(md`${line(r)}\nrequested by ${mention(r.requester)} · expires ${formatTime(r.expiresAt)}`));
      if (r.requester !== user)
        blocks.push(
          actions(`home:${r.id}`, [
            button(LABEL.approve, ACTION.approve, r.id, 'primary'),
            button(LABEL.reject, ACTION.reject, r.id, 'danger'),
          ]),
        );
    }
    if (d.pending.length === 0) blocks.push(context(md`Nothing waits for you.`));
  }
  blocks.push(divider(), section(md`*Your requests*`));
  blocks.push(
    ...(d.mine.length > 0
      ? d.mine.slice(0, 10).map((r) => section(md`${line(r)}\n${formatTime(r.createdAt)}`))
      : [context(md`You have not asked for anything yet.`)]),
  );
  blocks.push(divider(), section(md`*Old keys retiring soon*`));
  const retiring = d.retiring
    .flatMap((r) => {
      const at = stateOf(ROTATION_KINDS, r).retireAt;
      return at ? [{ r, at }] : [];
    })
    .sort((a, b) => a.at - b.at);
  blocks.push(
    ...(retiring.length > 0
      ? retiring.slice(0, 15).map(({ r, at }) => section(md`${line(r)}\nretires ${formatTime(at)}`))
      : [context(md`No retirement is scheduled.`)]),
  );
  blocks.push(divider(), section(md`*Keys due* (${d.keysDue.length})`));
  blocks.push(
    ...(d.keysDue.length > 0
      ? d.keysDue.slice(0, 10).map((e, i) => ({
          ...section(keyLine(e, d.at)),
          block_id: `home-due:${i + 1}`,
          accessory: button(LABEL.requestRotation, ACTION.requestRotation, e.key.ident),
        }))
      : [context(md`None of your keys is due for rotation.`)]),
  );
  return { type: 'home', blocks: blocks.slice(0, 100) };
}

/** App Home when it could not be built: the reason, so the tab is not left blank or stale. */
export const homeNoticeView = (message: string): View => ({
  type: 'home',
  blocks: [section(md`*Tyk keybot*`), section(sentence(message))],
});

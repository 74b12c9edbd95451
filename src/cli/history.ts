import { parseKeyHistory } from '../../commands/key-history.js';
import { KeybotError } from '../errors.js';
import type { Store } from '../store/index.js';
import { findHistory } from '../workflows/history-query.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';

const time = (ms: number) => new Date(ms).toISOString();

/** `tyk-keybot history [KEY | REQUEST_ID | --user U…] [--json]`: the same lookup as /key-history. */
export function history(
  store: Store,
  io: CliIo,
  arg: string | undefined,
  user: string | undefined,
  json: boolean,
  actor: string,
): ExitCode {
  const q = user ? ({ kind: 'user', user } as const) : parseKeyHistory(arg ?? '');
  if (q.kind === 'help') throw new KeybotError('BAD_INPUT', 'Usage: tyk-keybot history [KEY | REQUEST_ID | --user U…] [--json]');
  const found = findHistory({ store }, q, actor);
  if (json) {
    io.out(
      JSON.stringify(
        found.map(({ request: r, entries }) => ({
          id: r.id,
          kind: r.kind,
          status: r.status,
          requester: r.requester,
          title: r.summary.title,
          created_at: time(r.createdAt),
          history: entries.map((e) => ({ at: time(e.at), event: e.event, actor: e.actor, data: e.data })),
        })),
      ),
    );
    return EXIT.ok;
  }
  if (found.length === 0) io.out('no matching requests');
  for (const { request: r, entries } of found) {
    io.out(`${r.id}  ${r.kind}  ${r.status}  ${r.summary.title}  (by ${r.requester})`);
    for (const e of entries) io.out(`  ${time(e.at)}  ${e.event.padEnd(18)} ${e.actor}  ${JSON.stringify(e.data)}`);
  }
  return EXIT.ok;
}

import { parseKeyHistory } from '../command-args/key-history.js';
import { KeybotError } from '../errors.js';
import type { RequestHistory } from '../workflows/history-query.js';
import type { Records } from '../workflows/records.js';
import { type CliCommand, JSON_FLAG } from './command.js';
import { KEY_FLAGS, withKeyArgument } from './key-source.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';
import { withReadOnlyRecords } from './read-only-records.js';

const time = (ms: number) => new Date(ms).toISOString();

/** `tyk-keybot history`: the same lookup as /key-history, over the database. */
export const historyCommand: CliCommand = {
  name: 'history',
  args: '[KEY | REQUEST_ID]',
  summary: 'requests and what happened to them, from the database (fingerprints only)',
  about: `Shows requests with their history, newest first (at most 10). With no argument: the 10 most
recent requests, whoever made them (Slack users and the CLI). KEY is a key value, Tyk's key ID or hash:<key_hash> (shown only by fingerprint), and
finds every rotation of that key; REQUEST_ID (req_…) shows that request; CLIENT_ID, user:<id or
email> and credential:<id> find requests about an OAuth client, a Dashboard user or a Portal credential.
--key-file or --key-stdin give KEY without the command line.`,
  flags: [{ name: 'user', value: 'U…', help: 'requests by this requester: a Slack user ID or cli:<user>' }, ...KEY_FLAGS, JSON_FLAG],
  needs: 'KEYBOT_DB',
  examples: ['tyk-keybot history req_01HZX3', 'tyk-keybot history hash:5f1b9c0e --json'],
  run: async (args, { io, env, actor }) => {
    const positionals = await withKeyArgument(args, io);
    const { values } = args;
    return withReadOnlyRecords(env, { needKey: false }, (records) =>
      history(records, io, positionals, values['user'] as string | undefined, values['json'] === true, actor),
    );
  },
};

const RECENT = 10;

function history(records: Records, io: CliIo, args: string[], user: string | undefined, json: boolean, actor: string): ExitCode {
  if (args.length > 1) throw new KeybotError('BAD_INPUT', 'Give one KEY or REQUEST_ID, or none. See tyk-keybot history --help');
  const arg = args[0];
  // No argument: what happened lately, whoever asked (the Slack command's "your own" would show a CLI user nothing).
  const recent = arg === undefined && user === undefined;
  const found: RequestHistory[] = recent ? records.recent(RECENT) : findQuery(records, arg, user, actor);
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
  if (recent)
    io.out(
      found.length === 0
        ? 'No requests in this database yet.'
        : `The ${found.length} most recent requests, newest first. Give a KEY or REQUEST_ID (or --user) for one; see tyk-keybot history --help.`,
    );
  else if (found.length === 0) io.out('No matching requests.');
  for (const { request: r, entries } of found) {
    io.out(`${r.id}  ${r.kind}  ${r.status}  ${r.summary.title}  (by ${r.requester})`);
    for (const e of entries) io.out(`  ${time(e.at)}  ${e.event.padEnd(18)} ${e.actor}  ${JSON.stringify(e.data)}`);
  }
  return EXIT.ok;
}

function findQuery(records: Records, arg: string | undefined, user: string | undefined, actor: string): RequestHistory[] {
  const q = user ? ({ kind: 'user', user } as const) : parseKeyHistory(arg ?? '');
  if (q.kind === 'help') throw new KeybotError('BAD_INPUT', 'Give one KEY or REQUEST_ID. See tyk-keybot history --help');
  return records.find(q, actor);
}

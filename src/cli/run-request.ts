import type { RequestRecord } from '../store/requests.js';
import { isRefusal, type Refusal } from '../workflows/refusal.js';
import { sayText } from '../workflows/say.js';
import { warnIfLeftForBot } from './bot-presence.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';
import type { CliRuntime } from './runtime.js';

/**
 * A CLI request from its draft to where the command returns: a refusal is printed and becomes the
 * exit code (2 when what was named does not exist, else 1); else the request's jobs run until
 * `done` holds, with a warning when steps are left for a bot and none runs on the database.
 */
export async function runRequest(
  rt: CliRuntime,
  io: CliIo,
  dbPath: string,
  draft: () => Promise<RequestRecord | Refusal>,
  done: (r: RequestRecord) => boolean,
): Promise<RequestRecord | ExitCode> {
  const drafted = await draft();
  if (isRefusal(drafted)) {
    io.err(sayText(drafted.message));
    return drafted.why === 'not-found' ? EXIT.badInput : EXIT.failed;
  }
  const r = await rt.run(drafted.id, done);
  warnIfLeftForBot(rt.workflows.records, dbPath, r.id, io);
  return r;
}

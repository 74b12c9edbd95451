import { existsSync } from 'node:fs';
import { rotateKeyFromArgs } from '../command-args/rotate-key.js';
import { loadConfig } from '../config.js';
import { KeybotError } from '../errors.js';
import { formatTime } from '../format-time.js';
import { type RequestRecord, TERMINAL } from '../store/requests.js';
import type { RotationState } from '../workflows/rotate-key/types.js';
import { paramsOf, stateOf } from '../workflows/saved.js';
import { noBotOn } from './bot-presence.js';
import { type CliCommand, JSON_FLAG, type ParsedArgs } from './command.js';
import { checkValueOutput, handOver } from './hand-over-value.js';
import { KEY_FLAGS, withKeyArgument } from './key-source.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';
import { runRequest } from './run-request.js';
import { withCliRuntime } from './runtime.js';

/** `tyk-keybot rotate`: the /rotate-key workflow started approved by the operator. */
export const rotateCommand: CliCommand = {
  name: 'rotate',
  args: 'KEY',
  summary: 'rotate a key: a new key now, the old one retired after the grace period (--now: at once)',
  about: `Dual-key rotation: Tyk gets a new key with the old key's access, and both work for the grace
period; the running bot sends the reminders and retires the old key then. The command returns once
the new key is handed over. With --now (a leaked key) the old key is retired at once and the command
returns once Tyk refuses it.
KEY is the value the consumer sends, Tyk's key ID, or hash:<key_hash>; it is never printed. To keep
it off the command line (shell history, ps), give it with --key-file or --key-stdin instead.`,
  flags: [
    { name: 'grace', value: 'DURATION', help: 'how long both keys work, e.g. 12h or 2d', default: 'DEFAULT_GRACE, 7d' },
    { name: 'now', help: 'emergency: retire the old key at once and wait until Tyk refuses it (needs --reason)' },
    { name: 'reason', value: 'TEXT', help: 'why, recorded in the history (required with --now or REQUIRE_REASON=true)' },
    {
      name: 'secret-file',
      value: 'PATH',
      help: 'write the new key to this new file, mode 0600',
      default: 'stdout, only if it is a terminal',
    },
    {
      name: 'no-bot',
      help: 'rotate although no bot runs on KEYBOT_DB (without --now the old key then stays until a bot starts and retires it)',
    },
    ...KEY_FLAGS,
    JSON_FLAG,
  ],
  needs: 'KEYBOT_SECRET_KEY, KEYBOT_DB, a Tyk API (TYK_GATEWAY_URL + TYK_GATEWAY_SECRET, or TYK_DASHBOARD_URL + TYK_DASHBOARD_API_KEY)',
  examples: [
    'tyk-keybot rotate hash:5f1b9c0e --grace 2d --secret-file ./orders-client.key',
    'tyk-keybot rotate hash:5f1b9c0e --now --reason "pushed to a public repo" --secret-file ./orders-client.key',
    'tyk-keybot rotate --key-file ./leaked.key --now --reason "pushed to a public repo" --secret-file ./orders-client.key',
  ],
  run: async (args, { io, env, actor }) => runRotateKey(await withKeyArgument(args, io), args.values, io, env, actor),
};

/**
 * The rotation runs until the new key is handed over (to --secret-file, or the terminal);
 * reminders and retirement stay queued for the running bot, which shares the database.
 */
async function runRotateKey(
  positionals: string[],
  v: ParsedArgs['values'],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  actor: string,
): Promise<ExitCode> {
  const secretFile = v['secret-file'] as string | undefined;
  const problem = checkValueOutput(io, secretFile);
  if (problem) throw new KeybotError('BAD_INPUT', problem);
  const config = loadConfig(env, { needSlack: false });
  const flags = new Map<string, string | true>([
    ...(typeof v['grace'] === 'string' ? [['grace', v['grace']] as const] : []),
    ...(typeof v['reason'] === 'string' ? [['reason', v['reason']] as const] : []),
    ...(v['now'] ? [['now', true] as const] : []),
  ]);
  const args = rotateKeyFromArgs({ positional: positionals, flags }, { grace: config.grace, requireReason: config.requireReason });
  // The bot retires the old key after the grace period: without one, both keys would work on forever.
  const needsBot = !args.now && v['no-bot'] !== true;
  if (needsBot && !existsSync(config.dbPath)) throw new KeybotError('BAD_INPUT', noBotRefusal(noBotAt(config.dbPath)));
  return withCliRuntime(config, io, async (rt) => {
    const none = needsBot ? noBotOn(rt.workflows.records, config.dbPath, Date.now()) : null;
    if (none) throw new KeybotError('BAD_INPUT', noBotRefusal(none));
    // An emergency waits until the old key is confirmed dead; a normal rotation until the hand-over.
    const reached = (s: RotationState) => Boolean(args.now ? s.deadAt : s.graceStartedAt);
    // A request succeeds before the old key's death is confirmed: only a failure ends the wait early.
    const r = await runRequest(
      rt,
      io,
      config.dbPath,
      () => rt.workflows.rotation.draft(args, actor, true),
      (x) => reached(stateOf('rotate-key', x)) || (TERMINAL.includes(x.status) && x.status !== 'succeeded'),
    );
    if (typeof r === 'number') return r;
    const state = stateOf('rotate-key', r);
    const shown = state.graceStartedAt ? handOver(rt, r, actor, io, secretFile) : null;
    printRotation(io, r, { now: args.now, json: v['json'] === true, file: shown?.file });
    return reached(state) ? EXIT.ok : EXIT.failed;
  });
}

/** What the operator reads when the command returns: JSON, or one sentence on where the rotation stands. */
function printRotation(io: CliIo, r: RequestRecord, o: { now: boolean; json: boolean; file?: string }): void {
  const state = stateOf('rotate-key', r);
  const old = paramsOf('rotate-key', r).fingerprint;
  if (o.json) {
    io.out(
      JSON.stringify({
        request_id: r.id,
        status: r.status,
        old_fingerprint: old,
        new_fingerprint: state.newFingerprint ?? null,
        retire_at: state.retireAt ? new Date(state.retireAt).toISOString() : null,
        ...(o.now ? { old_key_dead: Boolean(state.deadAt) } : {}),
        ...(o.file ? { secret_file: o.file } : {}),
        ...(r.error ? { error: r.error } : {}),
      }),
    );
  } else if (o.now && state.deadAt) {
    io.out(
      `${r.id}: new key ${state.newFingerprint}${o.file ? ` written to ${o.file}` : ''}. The old key ${old} is retired and confirmed refused.`,
    );
  } else if (state.graceStartedAt && !o.now) {
    io.out(
      `${r.id}: new key ${state.newFingerprint}${o.file ? ` written to ${o.file}` : ''}. Both keys work until ${formatTime(state.retireAt as number)}; the running bot reminds the team and retires the old key then.`,
    );
  } else {
    io.out(`${r.id} ${r.status}${r.error ? `: ${r.error}` : ''}`);
  }
}

const noBotAt = (dbPath: string): string => `no tyk-keybot bot runs on the database ${dbPath} (KEYBOT_DB): the file does not exist`;

const noBotRefusal = (none: string): string =>
  `${none}. Nobody would retire the old key after the grace period or send the reminders. Start the bot on this database, or pass --no-bot to rotate anyway (the old key is retired once a bot starts on it; --now retires it at once). Nothing was done.`;

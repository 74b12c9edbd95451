import { parseArgs } from 'node:util';
import { rotateKeyFromArgs } from '../../commands/rotate-key.js';
import { loadConfig } from '../config.js';
import { KeybotError } from '../errors.js';
import { formatTime } from '../format-time.js';
import { TERMINAL } from '../store/requests.js';
import { isRefusal } from '../workflows/refusal.js';
import type { RotationState } from '../workflows/rotate-key/types.js';
import { checkValueOutput, handOver } from './hand-over-value.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';
import { openCliRuntime } from './runtime.js';

export const ROTATE_USAGE = `  rotate KEY [--grace 7d] [--reason "…"] [--secret-file PATH] [--json]
                                                    dual-key rotation; the running bot sends reminders and retires the old key
  rotate KEY --now --reason "…" [--secret-file PATH] [--json]
                                                    emergency (a leaked key): new key, old key retired at once and confirmed dead`;

/**
 * `tyk-keybot rotate`: the /rotate-key workflow started approved by the operator. It runs until
 * the new key is handed over (to --secret-file, or the terminal); reminders and retirement stay
 * queued for the running bot, which shares the database.
 */
export async function runRotateKey(argv: string[], io: CliIo, env: NodeJS.ProcessEnv, actor: string): Promise<ExitCode> {
  const { values: v, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      grace: { type: 'string' },
      reason: { type: 'string' },
      now: { type: 'boolean' },
      'secret-file': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const problem = checkValueOutput(io, v['secret-file']);
  if (problem) throw new KeybotError('BAD_INPUT', problem);
  const config = loadConfig(env, { needSlack: false });
  const flags = new Map<string, string | true>([
    ...(v.grace ? [['grace', v.grace] as const] : []),
    ...(v.reason ? [['reason', v.reason] as const] : []),
    ...(v.now ? [['now', true] as const] : []),
  ]);
  const args = rotateKeyFromArgs({ positional: positionals, flags }, { grace: config.grace, requireReason: config.requireReason });
  const rt = await openCliRuntime(config, io);
  try {
    const drafted = await rt.workflows.rotation.draft(args, actor, true);
    if (isRefusal(drafted)) {
      io.err(drafted.message);
      return drafted.why === 'not-found' ? EXIT.badInput : EXIT.failed;
    }
    // An emergency waits until the old key is confirmed dead; a normal rotation until the hand-over.
    const reached = (s: RotationState) => Boolean(args.now ? s.deadAt : s.graceStartedAt);
    // A request succeeds before the old key's death is confirmed: only a failure ends the wait early.
    const r = await rt.run(
      drafted.id,
      (x) => reached(x.state as RotationState) || (TERMINAL.includes(x.status) && x.status !== 'succeeded'),
    );
    const state = r.state as RotationState;
    const shown = state.graceStartedAt ? handOver(rt, r, actor, io, v['secret-file']) : null;
    if (v.json) {
      io.out(
        JSON.stringify({
          request_id: r.id,
          status: r.status,
          old_fingerprint: (r.params as { fingerprint: string }).fingerprint,
          new_fingerprint: state.newFingerprint ?? null,
          retire_at: state.retireAt ? new Date(state.retireAt).toISOString() : null,
          ...(args.now ? { old_key_dead: Boolean(state.deadAt) } : {}),
          ...(shown?.file ? { secret_file: shown.file } : {}),
          ...(r.error ? { error: r.error } : {}),
        }),
      );
    } else if (args.now && state.deadAt) {
      io.out(
        `${r.id}: new key ${state.newFingerprint}${shown?.file ? ` written to ${shown.file}` : ''}. The old key ${(r.params as { fingerprint: string }).fingerprint} is retired and confirmed refused.`,
      );
    } else if (state.graceStartedAt && !args.now) {
      io.out(
        `${r.id}: new key ${state.newFingerprint}${shown?.file ? ` written to ${shown.file}` : ''}. Both keys work until ${formatTime(state.retireAt as number)}; the running bot reminds the team and retires the old key then.`,
      );
    } else {
      io.out(`${r.id} ${r.status}${r.error ? `: ${r.error}` : ''}`);
    }
    return reached(state) ? EXIT.ok : EXIT.failed;
  } finally {
    rt.close();
  }
}

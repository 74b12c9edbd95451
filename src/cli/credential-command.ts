import { parseArgs } from 'node:util';
import type { Args } from '../../commands/args.js';
import { loadConfig } from '../config.js';
import { type RequestRecord, TERMINAL } from '../store/requests.js';
import type { CredentialState } from '../workflows/credential/types.js';
import type { Workflows } from '../workflows/index.js';
import { isRefusal, type Refusal } from '../workflows/refusal.js';
import { guarded } from './guarded.js';
import { checkValueOutput, handOver } from './hand-over-value.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';
import { openCliRuntime } from './runtime.js';

/** One of `tyk-keybot rotate-secret | rotate-user-key | rotate-credential`. */
export interface CredentialCli<A> {
  usage: string;
  /** value-less flags of this command (e.g. revoke-tokens) */
  switches: string[];
  /** the same parsing as the slash command, over argv split by node's parseArgs */
  fromArgs(args: Args, requireReason: boolean): A;
  draft(workflows: Workflows, args: A, actor: string): Promise<RequestRecord | Refusal>;
  /** the request's identifiers for --json, snake_case */
  identifiers(r: RequestRecord): Record<string, string | number>;
}

/**
 * The CLI path of a credential rotation: no Slack approval (the operator holds the Tyk credentials),
 * actor `cli:<user>`. Where the new value may go is settled before anything happens; then the
 * request runs to its end and the value is written to --secret-file or shown on a terminal.
 */
export async function runCredentialCli<A>(
  c: CredentialCli<A>,
  argv: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  actor: string,
): Promise<ExitCode> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const switches = Object.fromEntries(c.switches.map((s) => [s, { type: 'boolean' as const }]));
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...switches,
        reason: { type: 'string' },
        'secret-file': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${c.usage}`);
    return EXIT.badInput;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values['help']) {
    io.out(c.usage);
    return EXIT.ok;
  }
  const secretFile = values['secret-file'] as string | undefined;
  const json = values['json'] === true;
  const outputProblem = checkValueOutput(io, secretFile);
  if (outputProblem) {
    io.err(outputProblem);
    return EXIT.badInput;
  }
  const flags = new Map<string, string | true>();
  for (const s of c.switches) if (values[s] === true) flags.set(s, true);
  if (typeof values['reason'] === 'string') flags.set('reason', values['reason']);
  return guarded(io, async () => {
    const config = loadConfig(env, { needSlack: false });
    const args = c.fromArgs({ positional: parsed.positionals, flags }, config.requireReason);
    const rt = await openCliRuntime(config, io);
    try {
      const drafted = await c.draft(rt.workflows, args, actor);
      if (isRefusal(drafted)) {
        io.err(drafted.message);
        return drafted.why === 'not-found' ? EXIT.badInput : EXIT.failed;
      }
      const r = await rt.run(drafted.id, (x) => TERMINAL.includes(x.status));
      const shown = r.status === 'succeeded' ? handOver(rt, r, actor, io, secretFile) : null;
      const fp = (r.state as CredentialState).newFingerprint ?? null;
      if (json) {
        io.out(
          JSON.stringify({
            request_id: r.id,
            status: r.status,
            ...c.identifiers(r),
            fingerprint_of_new_value: fp,
            ...(shown?.file ? { secret_file: shown.file } : {}),
            ...(r.error ? { error: r.error } : {}),
          }),
        );
      } else {
        io.out(
          r.status === 'succeeded'
            ? `${r.id} succeeded: ${r.summary.title}. New value ${fp}${shown?.file ? `, written to ${shown.file}` : ''}.`
            : `${r.id} ${r.status}${r.error ? `: ${r.error}` : ' (the bot finishes it)'}`,
        );
      }
      return r.status === 'succeeded' ? EXIT.ok : EXIT.failed;
    } finally {
      rt.close();
    }
  });
}

import type { Args } from '../command-args/args.js';
import { loadConfig } from '../config.js';
import { type RequestRecord, TERMINAL } from '../store/requests.js';
import type { Workflows } from '../workflows/index.js';
import type { Refusal } from '../workflows/refusal.js';
import { CREDENTIAL_KINDS, paramsOf, stateOf } from '../workflows/saved.js';
import type { CliCommand, Flag, ParsedArgs } from './command.js';
import { checkValueOutput, handOver } from './hand-over-value.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';
import { runRequest } from './run-request.js';
import { withCliRuntime } from './runtime.js';

/** One of `tyk-keybot rotate-secret | rotate-user-key | rotate-credential`. */
export interface CredentialCli<A> {
  name: string;
  args: string;
  summary: string;
  about: string;
  /** value-less flags of this command (e.g. revoke-tokens) */
  switches: Flag[];
  needs: string;
  example: string;
  /** the same parsing as the slash command, over the parsed argv */
  fromArgs(args: Args, requireReason: boolean): A;
  draft(workflows: Workflows, args: A, actor: string): Promise<RequestRecord | Refusal>;
  /** the request's identifiers for --json, snake_case (the old value's fingerprint is added to them) */
  identifiers(r: RequestRecord): Record<string, string | number>;
}

const VALUE_FLAGS: Flag[] = [
  { name: 'reason', value: 'TEXT', help: 'why, recorded in the history (required when REQUIRE_REASON=true)' },
  {
    name: 'secret-file',
    value: 'PATH',
    help: 'write the new value to this new file, mode 0600, never overwritten',
    default: 'stdout, only if it is a terminal',
  },
  {
    name: 'json',
    help: 'print {request_id, status, …ids, fingerprint_of_new_value} on stdout, never the value',
  },
];

/** The table entry of a credential command. */
export function credentialCommand<A>(c: CredentialCli<A>): CliCommand {
  return {
    name: c.name,
    args: c.args,
    summary: c.summary,
    about: `${c.about}\nWithout --secret-file and with stdout not a terminal, it refuses before doing anything.`,
    flags: [...c.switches, ...VALUE_FLAGS],
    needs: c.needs,
    examples: [c.example],
    run: ({ positionals, values }, { io, env, actor }) => runCredentialCli(c, positionals, values, io, env, actor),
  };
}

/**
 * The CLI path of a credential rotation: no Slack approval (the operator holds the Tyk credentials),
 * actor `cli:<user>`. Where the new value may go is settled before anything happens; then the
 * request runs to its end and the value is written to --secret-file or shown on a terminal.
 */
async function runCredentialCli<A>(
  c: CredentialCli<A>,
  positionals: string[],
  values: ParsedArgs['values'],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  actor: string,
): Promise<ExitCode> {
  const secretFile = values['secret-file'] as string | undefined;
  const json = values['json'] === true;
  const outputProblem = checkValueOutput(io, secretFile);
  if (outputProblem) {
    io.err(outputProblem);
    return EXIT.badInput;
  }
  const flags = new Map<string, string | true>();
  for (const s of c.switches) if (values[s.name] === true) flags.set(s.name, true);
  if (typeof values['reason'] === 'string') flags.set('reason', values['reason']);
  const config = loadConfig(env, { needSlack: false });
  const args = c.fromArgs({ positional: positionals, flags }, config.requireReason);
  return withCliRuntime(config, io, async (rt) => {
    const r = await runRequest(
      rt,
      io,
      config.dbPath,
      () => c.draft(rt.workflows, args, actor),
      (x) => TERMINAL.includes(x.status),
    );
    if (typeof r === 'number') return r;
    const shown = r.status === 'succeeded' ? handOver(rt, r, actor, io, secretFile) : null;
    const fp = stateOf(CREDENTIAL_KINDS, r).newFingerprint ?? null;
    if (json) {
      io.out(
        JSON.stringify({
          request_id: r.id,
          status: r.status,
          ...c.identifiers(r),
          fingerprint_of_old_value: paramsOf(CREDENTIAL_KINDS, r).fingerprint,
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
  });
}

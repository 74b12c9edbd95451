import { revokeKeyFromArgs } from '../command-args/revoke-key.js';
import { loadConfig } from '../config.js';
import { TERMINAL } from '../store/requests.js';
import { paramsOf, stateOf } from '../workflows/saved.js';
import { type CliCommand, JSON_FLAG, type ParsedArgs } from './command.js';
import { KEY_FLAGS, withKeyArgument } from './key-source.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';
import { runRequest } from './run-request.js';
import { withCliRuntime } from './runtime.js';

/** `tyk-keybot revoke`: the /revoke-key workflow started approved by the operator, who holds the Tyk credentials. */
export const revokeCommand: CliCommand = {
  name: 'revoke',
  args: 'KEY --reason "…"',
  summary: 'retire a leaked key at once, with no replacement; returns once Tyk refuses it',
  about: `Retires the key at once (OLD_KEY_ACTION) with no replacement, and returns once Tyk refuses it,
past the gateway's session cache. KEY is the value the consumer sends, Tyk's key ID, or
hash:<key_hash>; it is never printed. --key-file or --key-stdin give it without the command line.`,
  flags: [{ name: 'reason', value: 'TEXT', help: 'why, recorded in the history (required)' }, ...KEY_FLAGS, JSON_FLAG],
  needs: 'KEYBOT_SECRET_KEY, KEYBOT_DB, a Tyk API (TYK_GATEWAY_URL + TYK_GATEWAY_SECRET, or TYK_DASHBOARD_URL + TYK_DASHBOARD_API_KEY)',
  examples: [
    'tyk-keybot revoke hash:5f1b9c0e --reason "leaked in a build log"',
    'printenv LEAKED_KEY | tyk-keybot revoke --key-stdin --reason "leaked in a build log"',
  ],
  run: async (args, { io, env, actor }) => runRevokeKey(await withKeyArgument(args, io), args.values, io, env, actor),
};

/** It returns once the key is confirmed dead (past the gateway's session-cache window). */
async function runRevokeKey(
  positionals: string[],
  v: ParsedArgs['values'],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  actor: string,
): Promise<ExitCode> {
  const flags = new Map<string, string | true>(typeof v['reason'] === 'string' ? [['reason', v['reason']]] : []);
  const args = revokeKeyFromArgs({ positional: positionals, flags });
  const config = loadConfig(env, { needSlack: false });
  return withCliRuntime(config, io, async (rt) => {
    // The request succeeds before the key's death is confirmed: only a failure ends the wait early.
    const r = await runRequest(
      rt,
      io,
      config.dbPath,
      () => rt.workflows.revocation.draft(args, actor, true),
      (x) => Boolean(stateOf('revoke-key', x).deadAt) || (TERMINAL.includes(x.status) && x.status !== 'succeeded'),
    );
    if (typeof r === 'number') return r;
    const state = stateOf('revoke-key', r);
    const { fingerprint } = paramsOf('revoke-key', r);
    if (v['json']) {
      io.out(
        JSON.stringify({
          request_id: r.id,
          status: r.status,
          fingerprint,
          dead: Boolean(state.deadAt),
          ...(r.error ? { error: r.error } : {}),
        }),
      );
    } else if (state.deadAt) {
      io.out(`${r.id}: the key ${fingerprint} is retired (${state.retiredWith}) and confirmed refused.`);
    } else {
      io.out(`${r.id} ${r.status}${r.error ? `: ${r.error}` : ''}`);
    }
    return state.deadAt ? EXIT.ok : EXIT.failed;
  });
}

import { parseArgs } from 'node:util';
import { revokeKeyFromArgs } from '../../commands/revoke-key.js';
import { loadConfig } from '../config.js';
import { TERMINAL } from '../store/requests.js';
import { isRefusal } from '../workflows/refusal.js';
import type { RotationState } from '../workflows/rotate-key/types.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';
import { openCliRuntime } from './runtime.js';

export const REVOKE_USAGE = `  revoke KEY --reason "…" [--json]                  retire a leaked key at once, no replacement; waits until it is refused`;

/**
 * `tyk-keybot revoke`: the /revoke-key workflow started approved by the operator, who holds the Tyk
 * credentials. It returns once the key is confirmed dead (past the gateway's session-cache window).
 */
export async function runRevokeKey(argv: string[], io: CliIo, env: NodeJS.ProcessEnv, actor: string): Promise<ExitCode> {
  const { values: v, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { reason: { type: 'string' }, json: { type: 'boolean' } },
  });
  const flags = new Map<string, string | true>(v.reason ? [['reason', v.reason]] : []);
  const args = revokeKeyFromArgs({ positional: positionals, flags });
  const config = loadConfig(env, { needSlack: false });
  const rt = await openCliRuntime(config, io);
  try {
    const drafted = await rt.workflows.revocation.draft(args, actor, true);
    if (isRefusal(drafted)) {
      io.err(drafted.message);
      return drafted.why === 'not-found' ? EXIT.badInput : EXIT.failed;
    }
    // The request succeeds before the key's death is confirmed: only a failure ends the wait early.
    const r = await rt.run(
      drafted.id,
      (x) => Boolean((x.state as RotationState).deadAt) || (TERMINAL.includes(x.status) && x.status !== 'succeeded'),
    );
    const state = r.state as RotationState;
    const fingerprint = (r.params as { fingerprint: string }).fingerprint;
    if (v.json) {
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
  } finally {
    rt.close();
  }
}

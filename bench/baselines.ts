import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GATEWAY_SECRET, writeTsv } from './keys.js';
import { hasCommand } from './machine.js';
import { runTimed } from './processes.js';

export interface BaselineRun {
  keys: number;
  ms: number;
  keysPerSec: number;
  /** creates that answered 200 */
  ok: number;
}

/** Baseline A: a bash loop of curl POSTs, one key (one curl process) at a time. */
const CURL_LOOP = `#!/usr/bin/env bash
set -u
ok=0
while IFS=$'\\t' read -r key body; do
  code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H "x-tyk-authorization: $TYK_GATEWAY_SECRET" \\
    -H 'content-type: application/json' --data-binary "$body" "$TYK_GATEWAY_URL/tyk/keys/$key")
  if [ "$code" = 200 ]; then ok=$((ok + 1)); fi
done < "$1"
echo "$ok"
`;

const result = (keys: number, ms: number, stdout: string): BaselineRun => ({
  keys,
  ms,
  keysPerSec: keys / (ms / 1000),
  ok: Number(stdout.trim()) || 0,
});

/** null where curl (or bash) is missing: the table says so instead of a number. */
export async function curlLoop(url: string, dir: string, keys: readonly string[]): Promise<BaselineRun | null> {
  if (!hasCommand('curl') || !hasCommand('bash')) return null;
  const tsv = join(dir, 'baseline-a.tsv');
  const script = join(dir, 'curl-loop.sh');
  await writeTsv(tsv, keys);
  writeFileSync(script, CURL_LOOP, { mode: 0o700 });
  const env = { PATH: process.env['PATH'], TYK_GATEWAY_URL: url, TYK_GATEWAY_SECRET: GATEWAY_SECRET };
  const run = await runTimed('bash', [script, tsv], { env, cwd: dir });
  if (run.code !== 0) throw new Error(`baseline A (curl loop) failed: ${run.stderr.slice(0, 500)}`);
  return result(keys.length, run.ms, run.stdout);
}

/** Baseline B: the same sequential loop in Node with a keep-alive agent, as its own process. */
export async function nodeLoop(url: string, dir: string, keys: readonly string[]): Promise<BaselineRun> {
  const tsv = join(dir, 'baseline-b.tsv');
  await writeTsv(tsv, keys);
  const env = { PATH: process.env['PATH'], TYK_GATEWAY_SECRET: GATEWAY_SECRET };
  const run = await runTimed(process.execPath, [resolve('dist/bench/baseline-node-loop.js'), url, tsv], { env, cwd: dir });
  if (run.code !== 0) throw new Error(`baseline B (node loop) failed: ${run.stderr.slice(0, 500)}`);
  return result(keys.length, run.ms, run.stdout);
}

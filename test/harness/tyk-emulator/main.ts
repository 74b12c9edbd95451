import { parseArgs } from 'node:util';
import type { HashFunction } from '../../../src/tyk/token.js';
import { startTykEmulator } from './start.js';
import type { GatewayVersion } from './types.js';

/**
 * Standalone emulator for benchmarks and crash tests in other processes:
 *   node dist/test/harness/tyk-emulator/main.js --port 0 --latency 20 --hash-keys true --print-url
 * prints one JSON line `{"url": …}` once listening; drive it through `/_emulator/`.
 */
const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
    'hash-keys': { type: 'string', default: 'true' },
    'hash-key-function': { type: 'string', default: 'murmur64' },
    version: { type: 'string', default: '5.14' },
    // tyk.conf local_session_cache.disable_cached_session_state (docs/tyk-behaviour.md)
    'disable-cached-session-state': { type: 'boolean', default: false },
    'print-url': { type: 'boolean', default: false },
  },
});

const emulator = await startTykEmulator({
  host: values.host,
  port: Number(values.port),
  hashKeys: values['hash-keys'] !== 'false',
  hashKeyFunction: values['hash-key-function'] as HashFunction,
  version: values.version as GatewayVersion,
  disableCachedSessionState: values['disable-cached-session-state'],
});
emulator.faults.latencyMs = Number(values.latency);
if (values['print-url']) process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}

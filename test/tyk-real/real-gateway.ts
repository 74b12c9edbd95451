import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HashFunction } from '../../src/tyk/token.js';
import { type ContractTarget, consumerCall } from '../harness/contract-target.js';
import { TEST_ORG } from '../harness/tyk-emulator/index.js';
import { SESSION_CACHE_TTL_MS } from '../harness/tyk-emulator/session-cache.js';
import { exitAsError, freePort, spawnLogged, stopProcess, waitUntil } from './child-process.js';
import { fixtureListenPaths, writeGatewayFiles } from './gateway-files.js';
import { gatewayPaths, isRealGatewayAvailable, pinnedGatewayVersion } from './gateway-paths.js';
import { startRedis } from './redis-server.js';
import { startUpstream } from './upstream.js';

export { isRealGatewayAvailable } from './gateway-paths.js';

export interface RealGatewayOptions {
  hashKeys: boolean;
  hashKeyFunction: HashFunction;
  /** top-level tyk.conf fields set on top of test/tyk-real/fixtures/tyk.conf.json */
  config?: Record<string, unknown>;
}

export interface RealGateway extends ContractTarget {
  /** release tag of the binary, e.g. `v5.8.1` */
  version: string;
  /** temp dir with tyk.conf, apps/, policies.json and the logs; removed by close() */
  workDir: string;
  /** what the gateway wrote to stdout/stderr so far */
  gatewayLog(): string;
}

/** Must match `secret` in test/tyk-real/fixtures/tyk.conf.json. */
const GATEWAY_SECRET = 'test-gateway-secret';
const START_TIMEOUT_MS = 30_000;
/**
 * The gateway sets a cache entry before it answers, and serves it while `now > expiry` is false, so
 * the window has passed this long after the last reply; the margin covers timer granularity.
 */
const CACHE_WINDOW_WAIT_MS = SESSION_CACHE_TTL_MS + 250;

async function isOk(url: string, headers: Record<string, string> = {}): Promise<boolean> {
  const res = await fetch(url, { headers });
  await res.body?.cancel();
  return res.status === 200;
}

/**
 * Starts a private redis, an upstream that answers 200, and the real Tyk Gateway built by
 * scripts/tyk-gateway/build.sh, all on free loopback ports in a fresh temp dir. Resolves once the
 * gateway answers /hello and has loaded every fixture API. Set TYK_REAL_KEEP_DIR=1 to keep the dir.
 */
export async function startRealGateway(opts: RealGatewayOptions): Promise<RealGateway> {
  if (!isRealGatewayAvailable()) throw new Error('no Tyk Gateway binary: run scripts/tyk-gateway/build.sh');
  const workDir = mkdtempSync(join(tmpdir(), 'tyk-real-'));
  const stops: Array<() => Promise<void>> = [];
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      for (const stop of [...stops].reverse()) await stop();
      if (process.env.TYK_REAL_KEEP_DIR !== '1') rmSync(workDir, { recursive: true, force: true });
    })());
  const logFile = join(workDir, 'gateway.log');
  const gatewayLog = () => readFileSync(logFile, 'utf8');
  try {
    const redis = await startRedis(workDir);
    stops.push(redis.stop);
    const upstream = await startUpstream();
    stops.push(upstream.close);
    const gatewayPort = await freePort();
    const confFile = writeGatewayFiles(workDir, { gatewayPort, redisPort: redis.port, upstreamUrl: upstream.url, ...opts });
    // The gateway reads ./tyk.conf before it honours --conf and writes a default one there if it is
    // missing, so it must run in the dir that holds ours.
    const child = spawnLogged(gatewayPaths.binary, ['start', '--conf', confFile], { cwd: workDir, logFile });
    stops.push(() => stopProcess(child));
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    const listenPaths = fixtureListenPaths();
    const secretHeader = { 'X-Tyk-Authorization': GATEWAY_SECRET };
    const ready = async () =>
      (await isOk(`${gatewayUrl}/hello`)) &&
      (await Promise.all([...listenPaths.keys()].map((id) => isOk(`${gatewayUrl}/tyk/apis/${id}`, secretHeader)))).every(Boolean);
    await Promise.race([
      waitUntil(ready, START_TIMEOUT_MS, () => 'the gateway to answer /hello and load every fixture API'),
      exitAsError(child, 'tyk gateway'),
    ]);
    const version = pinnedGatewayVersion();
    return {
      name: `real tyk ${version} ${opts.hashKeys ? 'hashed' : 'unhashed'} ${opts.hashKeyFunction || 'legacy'}`,
      version,
      workDir,
      gatewayLog,
      gatewayUrl,
      gatewaySecret: GATEWAY_SECRET,
      orgId: TEST_ORG,
      hashKeys: opts.hashKeys,
      hashKeyFunction: opts.hashKeyFunction,
      apiIds: { orders: 'orders-api', invoices: 'invoices-api' },
      policyIds: { gold: 'gold-policy' },
      consumer: (apiId, key) => {
        const path = listenPaths.get(apiId);
        if (path === undefined) throw new Error(`no fixture API with api_id ${apiId}`);
        return consumerCall(`${gatewayUrl}${path}anything`, key);
      },
      now: () => Date.now(),
      // The window is time itself: there is no condition to poll until it has passed.
      afterCacheWindow: () => new Promise((resolve) => setTimeout(resolve, CACHE_WINDOW_WAIT_MS)),
      close,
    };
  } catch (err) {
    const log = (() => {
      try {
        return gatewayLog().slice(-2_000);
      } catch {
        return '(no gateway log)';
      }
    })();
    await close();
    throw new Error(`${(err as Error).message}\n--- end of gateway log ---\n${log}`);
  }
}

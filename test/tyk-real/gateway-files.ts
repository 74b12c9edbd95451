import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gatewayPaths } from './gateway-paths.js';

export interface GatewayFileSettings {
  gatewayPort: number;
  redisPort: number;
  upstreamUrl: string;
  hashKeys: boolean;
  hashKeyFunction: string;
  /** top-level tyk.conf fields set on top of the fixture (e.g. `local_session_cache`) */
  config?: Record<string, unknown>;
}

/**
 * The fixtures hold placeholders as quoted tokens `"@NAME@"`, each replaced by a JSON literal, so
 * scripts/tyk-gateway/start.sh can fill the same files with sed.
 */
function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(/"@([A-Z_]+)@"/g, (token, name: string) => {
    if (!(name in values)) throw new Error(`no value for placeholder ${token}`);
    return JSON.stringify(values[name]);
  });
}

const fixtureApps = () => readdirSync(join(gatewayPaths.fixtures, 'apps')).filter((f) => f.endsWith('.json'));

/** Writes tyk.conf, apps/ and policies.json into `dir`; returns the tyk.conf path. */
export function writeGatewayFiles(dir: string, s: GatewayFileSettings): string {
  const apps = join(dir, 'apps');
  mkdirSync(apps, { recursive: true });
  mkdirSync(join(dir, 'middleware'), { recursive: true });
  for (const file of fixtureApps()) {
    const text = readFileSync(join(gatewayPaths.fixtures, 'apps', file), 'utf8');
    writeFileSync(join(apps, file), fill(text, { UPSTREAM_URL: s.upstreamUrl }));
  }
  const policyFile = join(dir, 'policies.json');
  writeFileSync(policyFile, readFileSync(join(gatewayPaths.fixtures, 'policies.json')));
  const conf = fill(readFileSync(join(gatewayPaths.fixtures, 'tyk.conf.json'), 'utf8'), {
    LISTEN_PORT: s.gatewayPort,
    REDIS_PORT: s.redisPort,
    TEMPLATE_PATH: gatewayPaths.templates,
    APP_PATH: apps,
    MIDDLEWARE_PATH: join(dir, 'middleware'),
    PID_FILE: join(dir, 'tyk-gateway.pid'),
    POLICY_FILE: policyFile,
    HASH_KEYS: s.hashKeys,
    HASH_KEY_FUNCTION: s.hashKeyFunction,
  });
  const confFile = join(dir, 'tyk.conf');
  writeFileSync(confFile, JSON.stringify({ ...(JSON.parse(conf) as object), ...s.config }, null, 2));
  return confFile;
}

/** api_id → listen_path of every fixture API (e.g. `orders-api` → `/orders/`). */
export function fixtureListenPaths(): Map<string, string> {
  const paths = new Map<string, string>();
  for (const file of fixtureApps()) {
    const def = JSON.parse(readFileSync(join(gatewayPaths.fixtures, 'apps', file), 'utf8')) as {
      api_id: string;
      proxy: { listen_path: string };
    };
    paths.set(def.api_id, def.proxy.listen_path);
  }
  return paths;
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where scripts/tyk-gateway/build.sh leaves its output, and the fixtures both launchers read. */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cache = join(root, '.cache/tyk-gateway');

export const gatewayPaths = {
  binary: join(cache, 'bin/tyk'),
  templates: join(cache, 'templates'),
  versionFile: join(cache, 'VERSION'),
  fixtures: join(root, 'test/tyk-real/fixtures'),
} as const;

/**
 * True once build.sh has produced the binary and the error templates it needs at run time. With
 * TYK_REAL_REQUIRED=1 (CI) a missing build throws instead, so the suite cannot pass by skipping.
 */
export function isRealGatewayAvailable(): boolean {
  const built = existsSync(gatewayPaths.binary) && existsSync(join(gatewayPaths.templates, 'error.json'));
  if (!built && process.env.TYK_REAL_REQUIRED === '1') {
    throw new Error('TYK_REAL_REQUIRED=1 but there is no gateway build: run scripts/tyk-gateway/build.sh');
  }
  return built;
}

/** The release build.sh pinned, e.g. `v5.8.1` (first word of .cache/tyk-gateway/VERSION). */
export function pinnedGatewayVersion(): string {
  return readFileSync(gatewayPaths.versionFile, 'utf8').trim().split(/\s+/)[0] ?? 'unknown';
}

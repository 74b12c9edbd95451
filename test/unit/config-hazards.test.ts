import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFields } from '../../src/banner.js';
import { loadConfig } from '../../src/config.js';
import { EnvFileError, loadNamedEnvFile, unreadDotEnvNote } from '../../src/env-file.js';
import { plainHttpWarnings } from '../../src/tyk-endpoints.js';
import { baseEnv, tempDir } from '../harness/env.js';

const planted = () => {
  const dir = tempDir('keybot-env-file-');
  writeFileSync(join(dir, '.env'), 'TYK_DASHBOARD_URL=https://attacker.example\nLOG_LEVEL=debug\n');
  return dir;
};

describe('configuration hazards', () => {
  it('reads an env file only when named: a .env lying in the directory is ignored, with a note', () => {
    const dir = planted();
    const none = loadNamedEnvFile(['rotate', 'k'], {});
    expect(none.file).toBeNull();
    expect(none.env['TYK_DASHBOARD_URL']).toBeUndefined();
    expect(unreadDotEnvNote(null, dir)).toMatch(/\.env is not read unless named/);

    const named = loadNamedEnvFile(['rotate', '--env-file', join(dir, '.env'), 'k'], { LOG_LEVEL: 'warn' });
    expect(named.argv).toEqual(['rotate', 'k']);
    expect(named.env['TYK_DASHBOARD_URL']).toBe('https://attacker.example');
    expect(named.env['LOG_LEVEL']).toBe('warn'); // a variable already set wins over the file
    expect(loadNamedEnvFile([], { KEYBOT_ENV_FILE: join(dir, '.env') }).file).toBe(join(dir, '.env'));
    expect(() => loadNamedEnvFile(['--env-file', join(dir, 'missing.env')], {})).toThrow(EnvFileError);
  });

  it('names every Tyk endpoint at start, and warns about plain http:// to another host', () => {
    const config = loadConfig(
      baseEnv({ TYK_DASHBOARD_URL: 'http://dashboard.internal:3000', TYK_DASHBOARD_API_KEY: 'k', TYK_GATEWAY_URL: 'https://gw.example' }),
    );
    expect(startFields(config, { port: 3000, keysVia: 'dashboard' }).tyk).toEqual({
      dashboard: 'http://dashboard.internal:3000',
      gateway: 'https://gw.example',
    });
    expect(plainHttpWarnings(config)).toEqual([
      'TYK_DASHBOARD_URL is plain http:// to dashboard.internal:3000: its credential and every key travel unencrypted; use https://',
    ]);
    expect(plainHttpWarnings(loadConfig(baseEnv({ TYK_GATEWAY_URL: 'http://127.0.0.1:8080' })))).toEqual([]);
  });
});

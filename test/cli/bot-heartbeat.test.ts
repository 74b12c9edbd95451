import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { createStore } from '../../src/store/index.js';
import { botIsLive } from '../../src/store/runners.js';
import { cliGatewayEnv, cliTerminal } from '../harness/cli-env.js';
import { tempDir } from '../harness/env.js';
import { type Harness, startHarness } from '../harness/harness.js';
import { startTykEmulator, type TykEmulator } from '../harness/tyk-emulator/index.js';

const ORDERS = { 'orders-api': { api_id: 'orders-api', api_name: 'o', versions: ['Default'] } };
let emu: TykEmulator | null = null;
let h: Harness | null = null;
afterEach(async () => {
  await emu?.close();
  await h?.close();
  emu = null;
  h = null;
});

const rotate = async (env: Record<string, string>, raw: string, ...more: string[]) => {
  const t = cliTerminal();
  const code = await runCli(['rotate', raw, '--grace', '2d', '--secret-file', join(tempDir(), 'new-key'), ...more], t.io, env);
  return { code, err: t.err.join('\n'), out: t.out.join('\n') };
};

describe('tyk-keybot rotate and the bot that retires the old key', () => {
  it('refuses with exit 2 when no bot runs on the database, saying why, and changes nothing', async () => {
    emu = await startTykEmulator();
    const env = cliGatewayEnv(emu.url, tempDir('keybot-cli-nobot-'));
    emu.seedKey({ raw: 'cli-nobot-key-0001', session: { alias: 'a', access_rights: ORDERS } });
    const r = await rotate(env, 'cli-nobot-key-0001');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`no tyk-keybot bot runs on the database ${env['KEYBOT_DB']} (KEYBOT_DB)`);
    expect(r.err).toContain('Nobody would retire the old key');
    expect(r.err).toContain('--no-bot');
    expect(r.err).not.toContain('cli-nobot-key-0001');
    expect(emu.keys()).toHaveLength(1);
    expect(existsSync(env['KEYBOT_DB'] as string), 'no database created').toBe(false);
  });

  it('with --no-bot it rotates and warns that the retirement waits for a bot', async () => {
    emu = await startTykEmulator();
    const env = cliGatewayEnv(emu.url, tempDir('keybot-cli-nobot-'));
    emu.seedKey({ raw: 'cli-nobot-key-0002', session: { alias: 'a', access_rights: ORDERS } });
    const r = await rotate(env, 'cli-nobot-key-0002', '--no-bot');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /warning: no tyk-keybot bot runs on the database .*req_[\w-]+ has \d+ step\(s\) left \(.*retire.*\); they run when a bot starts/,
    );
    expect(emu.keys()).toHaveLength(2);
  });

  it('rotates while the bot runs on the database, and refuses once it stopped', async () => {
    const dir = tempDir('keybot-cli-bot-');
    const cliEnv = cliGatewayEnv('http://127.0.0.1:9', dir);
    h = await startHarness({ env: { KEYBOT_DB: cliEnv['KEYBOT_DB'], KEYBOT_SECRET_KEY: cliEnv['KEYBOT_SECRET_KEY'] } });
    const env = { ...cliEnv, TYK_GATEWAY_URL: h.tyk.url };
    h.tyk.seedKey({ raw: 'cli-bot-key-0001', session: { alias: 'a', access_rights: ORDERS } });
    h.tyk.seedKey({ raw: 'cli-bot-key-0002', session: { alias: 'b', access_rights: ORDERS } });
    const live = await rotate(env, 'cli-bot-key-0001');
    expect(live.code).toBe(0);
    expect(live.err).not.toContain('warning');
    await h.bot.stop();
    const stopped = await rotate(env, 'cli-bot-key-0002');
    expect(stopped.code).toBe(2);
    expect(stopped.err).toMatch(/no tyk-keybot bot runs on the database .*: none has ever ticked on it/);
  });

  it('a bot counts as running while its last tick is within 3 tick intervals, and at least 5 minutes', () => {
    const now = Date.parse('2026-12-02T12:00:00Z');
    expect(botIsLive({ tickedAt: now - 4 * 60_000, everyMs: 60_000 }, now)).toBe(true);
    expect(botIsLive({ tickedAt: now - 6 * 60_000, everyMs: 60_000 }, now)).toBe(false);
    expect(botIsLive({ tickedAt: now - 50 * 60_000, everyMs: 20 * 60_000 }, now)).toBe(true);
    expect(botIsLive({ tickedAt: now - 61 * 60_000, everyMs: 20 * 60_000 }, now)).toBe(false);
  });

  it('a bot that died without stopping (a stale tick) does not count', async () => {
    emu = await startTykEmulator();
    const env = cliGatewayEnv(emu.url, tempDir('keybot-cli-stale-'));
    const store = createStore(env['KEYBOT_DB'] as string, Buffer.from(env['KEYBOT_SECRET_KEY'] as string, 'base64'));
    store.runners.register('run_dead', Date.now() - 3_600_000);
    store.runners.ticked('run_dead', Date.now() - 3_600_000, 60_000);
    store.close();
    emu.seedKey({ raw: 'cli-stale-key-0001', session: { alias: 'a', access_rights: ORDERS } });
    const r = await rotate(env, 'cli-stale-key-0001');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/its last tick was \d{4}-/);
    expect(readFileSync(env['KEYBOT_DB'] as string).length).toBeGreaterThan(0);
    expect(emu.keys()).toHaveLength(1);
  });
});

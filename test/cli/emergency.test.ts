import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { cliGatewayEnv, cliTerminal } from '../harness/cli-env.js';
import { tempDir } from '../harness/env.js';
import { startTykEmulator, type TykEmulator } from '../harness/tyk-emulator/index.js';

let emu: TykEmulator;
let env: Record<string, string>;

beforeEach(async () => {
  emu = await startTykEmulator();
  const dir = tempDir('keybot-cli-emergency-');
  env = cliGatewayEnv(emu.url, dir);
});
afterEach(() => emu.close());

const seed = (raw: string) =>
  emu.seedKey({
    raw,
    session: { alias: 'leaked', access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'o', versions: ['Default'] } } },
  });

describe('tyk-keybot rotate --now and revoke', () => {
  it('rotate --now hands the new key over and returns once the old key is refused', async () => {
    seed('cli-leaked-key-0001');
    const secretFile = join(tempDir(), 'new-key');
    const t = cliTerminal();
    const args = ['rotate', 'cli-leaked-key-0001', '--now', '--reason', 'pushed to a public repo', '--secret-file', secretFile, '--json'];
    expect(await runCli(args, t.io, env)).toBe(0);
    const out = JSON.parse(t.out.join('')) as { old_key_dead: boolean };
    expect(out.old_key_dead).toBe(true);
    expect(emu.consume('orders-api', 'cli-leaked-key-0001').status).not.toBe(200);
    expect(emu.consume('orders-api', readFileSync(secretFile, 'utf8')).status).toBe(200);
    expect(t.out.join('') + t.err.join('')).not.toContain('cli-leaked-key-0001');
  }, 60_000);

  it('rotate --now without --reason is refused and changes nothing', async () => {
    seed('cli-leaked-key-0002');
    const t = cliTerminal();
    expect(await runCli(['rotate', 'cli-leaked-key-0002', '--now', '--secret-file', join(tempDir(), 'k')], t.io, env)).toBe(2);
    expect(t.err.join('')).toContain('--reason');
    expect(emu.keys()).toHaveLength(1);
    expect(emu.consume('orders-api', 'cli-leaked-key-0002').status).toBe(200);
  });

  it('revoke retires the key with no replacement and waits until it is refused', async () => {
    seed('cli-leaked-key-0003');
    const t = cliTerminal();
    expect(await runCli(['revoke', 'cli-leaked-key-0003', '--reason', 'leaked in a log', '--json'], t.io, env)).toBe(0);
    expect((JSON.parse(t.out.join('')) as { dead: boolean }).dead).toBe(true);
    expect(emu.consume('orders-api', 'cli-leaked-key-0003').status).not.toBe(200);
    expect(emu.keys().length).toBeLessThanOrEqual(1);
  }, 60_000);

  it('an unknown command is refused without echoing the command line, which may hold a key', async () => {
    const t = cliTerminal();
    expect(await runCli(['rotate-key', 'sk_live_secretvalue'], t.io, env)).toBe(2);
    expect(t.err.join('')).toContain('Unknown command');
    expect(t.err.join('') + t.out.join('')).not.toContain('sk_live_secretvalue');
  });
});

import { chmodSync, writeFileSync } from 'node:fs';
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
  env = cliGatewayEnv(emu.url, tempDir('keybot-cli-key-input-'));
});
afterEach(() => emu.close());

const seed = (raw: string) =>
  emu.seedKey({
    raw,
    session: { alias: 'leaked', access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'o', versions: ['Default'] } } },
  });
const keyFile = (content: string) => {
  const path = join(tempDir('keybot-cli-key-file-'), 'key');
  writeFileSync(path, content);
  chmodSync(path, 0o600);
  return path;
};

describe('--key-file and --key-stdin: a key that is never on the command line', () => {
  it('rotate, revoke and history offer both flags in their --help', async () => {
    for (const name of ['rotate', 'revoke', 'history']) {
      const t = cliTerminal();
      expect(await runCli([name, '--help'], t.io, {})).toBe(0);
      expect(t.out.join('\n'), name).toMatch(/--key-file PATH .*file/);
      expect(t.out.join('\n'), name).toMatch(/--key-stdin .*standard input/);
    }
  });

  it('revoke and history --key-file read the key from the file (its trailing newline dropped) and never print it', async () => {
    seed('cli-file-key-0001');
    const file = keyFile('cli-file-key-0001\n');
    const t = cliTerminal();
    const code = await runCli(['revoke', '--key-file', file, '--reason', 'leaked in a log', '--json'], t.io, env);
    expect(code).toBe(0);
    expect((JSON.parse(t.out.join('')) as { dead: boolean }).dead).toBe(true);
    expect(emu.consume('orders-api', 'cli-file-key-0001').status).not.toBe(200);
    const h = cliTerminal();
    expect(await runCli(['history', '--key-file', file, '--json'], h.io, env)).toBe(0);
    expect((JSON.parse(h.out.join('')) as Array<{ kind: string }>).map((r) => r.kind)).toEqual(['revoke-key']);
    expect(t.out.join('') + t.err.join('') + h.out.join('') + h.err.join('')).not.toContain('cli-file-key-0001');
  }, 60_000);

  it('rotate --now --key-stdin reads the key from standard input', async () => {
    seed('cli-stdin-key-0002');
    const t = cliTerminal(false, 'cli-stdin-key-0002\r\n');
    const secretFile = join(tempDir(), 'new-key');
    const args = ['rotate', '--key-stdin', '--now', '--reason', 'pushed to a public repo', '--secret-file', secretFile, '--json'];
    expect(await runCli(args, t.io, env)).toBe(0);
    expect(emu.consume('orders-api', 'cli-stdin-key-0002').status).not.toBe(200);
    expect(t.out.join('') + t.err.join('')).not.toContain('cli-stdin-key-0002');
  }, 60_000);

  it('refuses a key given twice, both flags, an empty or many-line input, and an unreadable file, echoing none of it', async () => {
    const cases: Array<[string[], RegExp, string?]> = [
      [['revoke', 'cli-argv-key-0004', '--key-file', keyFile('cli-file-key-0004'), '--reason', 'r'], /KEY or --key-file, not both/],
      [['revoke', '--key-file', keyFile('cli-file-key-0005'), '--key-stdin', '--reason', 'r'], /--key-file or --key-stdin, not both/, 'x'],
      [['revoke', '--key-file', keyFile('\n'), '--reason', 'r'], /--key-file holds no key/],
      [['revoke', '--key-stdin', '--reason', 'r'], /Standard input holds no key/, ''],
      [['revoke', '--key-file', keyFile('cli-file-key-0006\ncli-file-key-0007\n'), '--reason', 'r'], /one line/],
      [['revoke', '--key-file', join(tempDir(), 'cli-missing-key-0008'), '--reason', 'r'], /--key-file could not be read \(ENOENT\)/],
    ];
    for (const [args, message, stdin] of cases) {
      const t = cliTerminal(false, stdin);
      expect(await runCli(args, t.io, env), args.join(' ')).toBe(2);
      const said = t.out.join('') + t.err.join('');
      expect(said).toMatch(message);
      expect(said).not.toMatch(/cli-(argv|file|missing)-key/);
    }
    expect(emu.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });
});

describe('no command-line value is ever echoed in an error', () => {
  const KEY = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
  it.each([
    [[KEY]],
    [['rotate-key', KEY]],
    [['rotate', `--${KEY}`]],
    [['rotate', 'some-key', `--${KEY}=1`]],
    [['revoke', '--reason', 'r', `--${KEY.slice(0, 20)}`]],
    [['rotate', 'some-key', '--grace', KEY]],
    [['rotate', 'some-key', `--now=${KEY}`]],
    [['revoke', KEY, KEY, '--reason', 'r']],
    [['history', KEY, KEY]],
    [['audit', KEY]],
    [['inventory', KEY]],
    [['import', 'x.csv', '--format', KEY]],
    [['rotate-secret', KEY]],
  ])('%j', async (args) => {
    const t = cliTerminal();
    expect(await runCli(args, t.io, env)).not.toBe(0);
    const said = t.out.join('') + t.err.join('');
    expect(said).not.toContain(KEY.slice(0, 16));
  });
});

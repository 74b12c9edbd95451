import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { runCli } from '../../src/cli/run-cli.js';
import { cliGatewayEnv, cliTerminal } from '../harness/cli-env.js';
import { tempDir } from '../harness/env.js';
import { startTykEmulator, type TykEmulator } from '../harness/tyk-emulator/index.js';

let emu: TykEmulator;
let dir: string;
let env: Record<string, string>;

beforeEach(async () => {
  emu = await startTykEmulator();
  dir = tempDir('keybot-cli-help-');
  env = cliGatewayEnv(emu.url, dir);
});
afterEach(() => emu.close());

const NAMES = ['import', 'rotate', 'revoke', 'rotate-secret', 'rotate-user-key', 'rotate-credential', 'history', 'audit'];

describe('tyk-keybot --help, <command> --help, --version', () => {
  it('lists every command with one line each', async () => {
    const t = cliTerminal();
    expect(await runCli(['--help'], t.io, {})).toBe(0);
    const lines = t.out.join('\n').split('\n');
    expect(COMMANDS.map((c) => c.name)).toEqual(expect.arrayContaining(NAMES));
    for (const c of COMMANDS) {
      const line = lines.filter((l) => l.startsWith(`  ${c.name} `));
      expect(line, c.name).toHaveLength(1);
      expect(line[0]).toContain(c.summary);
    }
  });

  it.each(NAMES.flatMap((name) => [[name, '--help'] as const, [name, '-h'] as const]))(
    '%s %s prints the usage, flags with defaults and an example, exit 0, and touches nothing',
    async (name, flag) => {
      const t = cliTerminal();
      // no settings at all: --help needs none
      expect(await runCli([name, 'some-arg', flag], t.io, { KEYBOT_DB: env['KEYBOT_DB'] as string })).toBe(0);
      const text = t.out.join('\n');
      expect(text).toMatch(new RegExp(`^Usage: tyk-keybot ${name}( |$)`, 'm'));
      expect(text).toMatch(/^Flags:$/m);
      expect(text).toMatch(/^Examples?:\n {2}tyk-keybot /m);
      expect(text).toMatch(/^Needs: .*KEYBOT_DB/m);
      const command = COMMANDS.find((c) => c.name === name);
      for (const f of command?.flags ?? []) {
        expect(text, f.name).toContain(`--${f.name}`);
        if (f.default) expect(text, f.name).toContain(`(default: ${f.default})`);
      }
      expect(t.err).toEqual([]);
      expect(readdirSync(dir), 'no database file').toEqual([]);
      expect(emu.calls, 'no Tyk call').toEqual([]);
    },
  );

  it('help COMMAND is the same text as COMMAND --help', async () => {
    const a = cliTerminal();
    const b = cliTerminal();
    expect(await runCli(['help', 'rotate'], a.io, {})).toBe(0);
    expect(await runCli(['rotate', '--help'], b.io, {})).toBe(0);
    expect(a.out).toEqual(b.out);
    expect(a.out.join('')).toContain('--grace DURATION');
    expect(a.out.join('')).toContain('(default: DEFAULT_GRACE, 7d)');
  });

  it('--version prints the package version', async () => {
    const t = cliTerminal();
    expect(await runCli(['--version'], t.io, {})).toBe(0);
    expect(t.out).toEqual([(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version]);
  });

  it('an unknown flag is exit 2 naming the flag and pointing at <command> --help, before anything happens', async () => {
    for (const [args, flag] of [
      [['rotate', 'some-key', '--bogus'], '--bogus'],
      [['import', 'x.csv', '--format', 'csv', '-x'], '-x'],
      [['history', '--key=sk_live_not_echoed'], '--key'],
      [['audit', 'verify', '--jsn'], '--jsn'],
    ] as const) {
      const t = cliTerminal();
      expect(await runCli([...args], t.io, env), args.join(' ')).toBe(2);
      const err = t.err.join('\n');
      expect(err).toContain(`unknown flag ${flag}`);
      expect(err).toContain(`See tyk-keybot ${args[0]} --help`);
      expect(err).not.toContain('sk_live_not_echoed');
    }
    const missing = cliTerminal();
    expect(await runCli(['rotate', 'some-key', '--grace'], missing.io, env)).toBe(2);
    expect(missing.err.join('')).toBe('tyk-keybot rotate: --grace needs a value (DURATION). See tyk-keybot rotate --help');
    expect(existsSync(env['KEYBOT_DB'] as string)).toBe(false);
    expect(emu.calls).toEqual([]);
  });
});

describe('--format and --target', () => {
  const csv = () => {
    const path = join(tempDir('keybot-cli-help-in-'), 'keys.csv');
    writeFileSync(path, 'key,alias,api_ids\ncli-case-key-0001,one,orders-api\n');
    return path;
  };

  it('a wrong --format or --target lists the choices, and nothing is written', async () => {
    const f = cliTerminal();
    expect(await runCli(['import', csv(), '--format', 'mulesoft'], f.io, env)).toBe(2);
    expect(f.err.join('')).toBe('--format must be one of tyk, csv, kong, aws, apigee, azure');
    const t = cliTerminal();
    expect(await runCli(['import', csv(), '--format', 'csv', '--target', 'cloud'], t.io, env)).toBe(2);
    expect(t.err.join('')).toBe('--target must be one of dashboard, gateway, portal');
    const none = cliTerminal();
    expect(await runCli(['import', csv()], none.io, env)).toBe(2);
    expect(none.err.join('')).toBe('--format is required: one of tyk, csv, kong, aws, apigee, azure');
    expect(emu.keys()).toHaveLength(0);
  });

  it('values are case-insensitive: --format CSV --target Gateway imports', async () => {
    const t = cliTerminal();
    expect(await runCli(['import', csv(), '--format', 'CSV', '--target', 'Gateway', '--json'], t.io, env)).toBe(0);
    expect(JSON.parse(t.out.join(''))).toMatchObject({ status: 'succeeded', summary: { created: 1 } });
    expect(emu.consume('orders-api', 'cli-case-key-0001').status).toBe(200);
  });
});

describe('tyk-keybot starts quickly', () => {
  it('loads no Slack client for a command that does not talk to Slack (Bolt alone takes a third of a second)', () => {
    // a resolve hook that names every package the process loads
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(
      hooks,
      'export async function resolve(s, c, next) { if (/^@?[a-z]/.test(s) && !s.startsWith("node:")) process.stderr.write("package " + s + "\\n"); return next(s, c); }',
    );
    const register = join(dir, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module'; register(${JSON.stringify(`file://${hooks}`)});`);
    for (const args of [['--help'], ['import', '--help']]) {
      const run = spawnSync(process.execPath, ['--import', register, resolve('dist/src/cli.js'), ...args], { cwd: dir, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const packages = run.stderr.split('\n').filter((l) => l.startsWith('package '));
      expect(packages, 'the hook saw the packages').toContain('package zod');
      expect(
        packages.filter((p) => p.includes('@slack/')),
        args.join(' '),
      ).toEqual([]);
    }
  });
});

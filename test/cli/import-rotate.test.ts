import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { cliGatewayEnv, cliTerminal } from '../harness/cli-env.js';
import { tempDir } from '../harness/env.js';
import { startTykEmulator, type TykEmulator } from '../harness/tyk-emulator/index.js';

const ACTOR = `cli:${userInfo().username}`;
let emu: TykEmulator;
let dir: string;
let env: Record<string, string>;

beforeEach(async () => {
  emu = await startTykEmulator();
  dir = tempDir('keybot-cli-');
  env = cliGatewayEnv(emu.url, dir);
});
afterEach(() => emu.close());

const file = (name: string, text: string) => {
  const path = join(tempDir('keybot-cli-in-'), name);
  writeFileSync(path, text);
  return path;
};

const KEYS = ['cli-import-key-0001', 'cli-import-key-0002'];
const CSV = `key,alias,api_ids\n${KEYS[0]},one,orders-api\n${KEYS[1]},two,orders-api\n`;

describe('tyk-keybot import', () => {
  it('imports with --json, exit 0, every key usable, and records the CLI user in the history', async () => {
    const t = cliTerminal();
    expect(await runCli(['import', file('keys.csv', CSV), '--format', 'csv', '--target', 'gateway', '--json'], t.io, env)).toBe(0);
    const out = JSON.parse(t.out.join('')) as {
      request_id: string;
      status: string;
      summary: Record<string, number>;
      records: Array<{ ref: string; fingerprint: string; status: string }>;
    };
    expect(out.status).toBe('succeeded');
    expect(out.summary).toEqual({ created: 2, identical: 0, conflict: 0, skipped: 0, invalid: 0, failed: 0 });
    expect(out.records.map((r) => r.status)).toEqual(['created', 'created']);
    for (const k of KEYS) expect(emu.consume('orders-api', k).status).toBe(200);
    expect(t.out.join('') + t.err.join('')).not.toContain(KEYS[0]);
    const h = cliTerminal();
    expect(await runCli(['history', out.request_id, '--json'], h.io, env)).toBe(0);
    const events = (JSON.parse(h.out.join('')) as Array<{ requester: string; history: Array<{ event: string; actor: string }> }>)[0];
    expect(events?.requester).toBe(ACTOR);
    expect(events?.history.map((e) => e.event)).toEqual(
      expect.arrayContaining(['requested', 'approved', 'import-started', 'import-finished']),
    );
    const db = new Database(env['KEYBOT_DB'] as string, { readonly: true });
    db.pragma('wal_checkpoint(PASSIVE)');
    db.close();
    for (const f of readdirSync(dir)) for (const k of KEYS) expect(readFileSync(join(dir, f)).includes(Buffer.from(k)), f).toBe(false);
  });

  it('exits 2 for bad input: an unknown format, a missing file, invalid records', async () => {
    expect(await runCli(['import', file('keys.csv', CSV), '--format', 'mulesoft'], cliTerminal().io, env)).toBe(2);
    expect(await runCli(['import', join(dir, 'nope.csv'), '--format', 'csv'], cliTerminal().io, env)).toBe(2);
    const t = cliTerminal();
    expect(
      await runCli(['import', file('keys.csv', `${CSV},no-key,orders-api\n`), '--format', 'csv', '--target', 'gateway'], t.io, env),
    ).toBe(2);
    expect(emu.keys()).toHaveLength(2); // the valid keys are still imported
  });

  it('exits 1 when a key exists with other settings (a conflict), and a dry run changes nothing', async () => {
    emu.seedKey({
      raw: KEYS[0],
      session: { alias: 'other', access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'o', versions: ['Default'] } } },
    });
    const dry = cliTerminal();
    expect(await runCli(['import', file('keys.csv', CSV), '--format', 'csv', '--target', 'gateway', '--dry-run'], dry.io, env)).toBe(0);
    expect(dry.out.join('\n')).toMatch(/new 1 · identical 0 · conflict 1/);
    expect(emu.keys()).toHaveLength(1);
    const results = join(tempDir(), 'results.csv');
    expect(
      await runCli(
        ['import', file('keys.csv', CSV), '--format', 'csv', '--target', 'gateway', '--results', results],
        cliTerminal().io,
        env,
      ),
    ).toBe(1);
    expect(readFileSync(results, 'utf8')).toMatch(/row 1,2,fp:[0-9a-f]{8},one,conflict/);
    // the other key was created: its reason column says with which intent (saved in its own column since migration 8)
    expect(readFileSync(results, 'utf8')).toMatch(/row 2,3,fp:[0-9a-f]{8},two,created,new,/);
    expect(statSync(results).mode & 0o777).toBe(0o600);
  });
});

describe('tyk-keybot rotate', () => {
  it('hands the new key over in a new 0600 file and leaves retirement to the bot', async () => {
    emu.seedKey({
      raw: 'cli-rotate-key-0001',
      session: { alias: 'cli', access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'o', versions: ['Default'] } } },
    });
    const secretFile = join(tempDir(), 'new-key');
    const t = cliTerminal();
    // no bot runs on this test's database: --no-bot (test/cli/bot-heartbeat.test.ts covers the refusal without it)
    expect(
      await runCli(['rotate', 'cli-rotate-key-0001', '--grace', '2d', '--no-bot', '--secret-file', secretFile, '--json'], t.io, env),
    ).toBe(0);
    const out = JSON.parse(t.out.join('')) as { request_id: string; new_fingerprint: string; retire_at: string };
    const value = readFileSync(secretFile, 'utf8');
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(emu.consume('orders-api', value).status).toBe(200);
    expect(emu.consume('orders-api', 'cli-rotate-key-0001').status).toBe(200);
    expect(t.out.join('')).not.toContain(value);
    const db = new Database(env['KEYBOT_DB'] as string, { readonly: true });
    expect(db.prepare("SELECT key, status FROM jobs WHERE request_id = ? AND step = 'retire'").all(out.request_id)).toEqual([
      { key: 'retire:r1', status: 'pending' },
    ]);
    db.close();
  });

  it('refuses before doing anything when the value would go into a pipe', async () => {
    emu.seedKey({
      raw: 'cli-rotate-key-0002',
      session: { alias: 'cli', access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'o', versions: ['Default'] } } },
    });
    const t = cliTerminal(false);
    expect(await runCli(['rotate', 'cli-rotate-key-0002'], t.io, env)).toBe(2);
    expect(t.err.join('')).toContain('--secret-file');
    expect(emu.keys()).toHaveLength(1);
  });
});

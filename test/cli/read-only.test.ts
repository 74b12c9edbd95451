import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { createStore } from '../../src/store/index.js';
import { cliGatewayEnv, cliTerminal } from '../harness/cli-env.js';
import { tempDir } from '../harness/env.js';
import { startTykEmulator, type TykEmulator } from '../harness/tyk-emulator/index.js';

let emu: TykEmulator;
let dir: string;
let env: Record<string, string>;

beforeEach(async () => {
  emu = await startTykEmulator();
  dir = tempDir('keybot-cli-ro-');
  env = cliGatewayEnv(emu.url, dir);
});
afterEach(() => emu.close());

const dbOnly = () => ({ KEYBOT_DB: env['KEYBOT_DB'] as string });
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A database with one CLI import in it, written by the CLI with the full settings. */
async function databaseWithAnImport(): Promise<string> {
  const csv = join(tempDir('keybot-cli-ro-in-'), 'keys.csv');
  writeFileSync(csv, 'key,alias,api_ids\ncli-ro-key-0001,one,orders-api\n');
  const t = cliTerminal();
  expect(await runCli(['import', csv, '--format', 'csv', '--target', 'gateway', '--json'], t.io, env)).toBe(0);
  return (JSON.parse(t.out.join('')) as { request_id: string }).request_id;
}

describe('tyk-keybot history and audit verify read the database only', () => {
  it('history needs only KEYBOT_DB, and audit verify only KEYBOT_DB and KEYBOT_SECRET_KEY; the file is not changed', async () => {
    const id = await databaseWithAnImport();
    const db = env['KEYBOT_DB'] as string;
    const before = sha(db);
    const files = readdirSync(dir).sort();
    const h = cliTerminal();
    expect(await runCli(['history', id, '--json'], h.io, dbOnly())).toBe(0);
    expect((JSON.parse(h.out.join('')) as Array<{ id: string }>).map((r) => r.id)).toEqual([id]);
    const a = cliTerminal();
    expect(await runCli(['audit', 'verify'], a.io, { ...dbOnly(), KEYBOT_SECRET_KEY: env['KEYBOT_SECRET_KEY'] as string })).toBe(0);
    expect(a.out.join('')).toMatch(/^history intact: \d+ rows/);
    expect(sha(db)).toBe(before);
    // A reader of a WAL database gets SQLite's -shm/-wal beside it (they exist whenever the bot runs); nothing is written to them.
    expect(readdirSync(dir).filter((f) => !files.includes(f) && !/-(shm|wal)$/.test(f))).toEqual([]);
    if (existsSync(`${db}-wal`)) expect(statSync(`${db}-wal`).size).toBe(0);
  });

  it('audit verify without KEYBOT_SECRET_KEY says it needs it (the MACs are keyed with it)', async () => {
    await databaseWithAnImport();
    const t = cliTerminal();
    expect(await runCli(['audit', 'verify'], t.io, dbOnly())).toBe(2);
    expect(t.err.join('')).toContain('KEYBOT_SECRET_KEY');
  });

  it.each([['history'], ['audit', 'verify']])('%s refuses a mistyped KEYBOT_DB with exit 2 and creates no file', async (...args) => {
    const typo = join(dir, 'kebot.db');
    const t = cliTerminal();
    expect(await runCli(args, t.io, { ...env, KEYBOT_DB: typo })).toBe(2);
    expect(t.err.join('')).toBe(`no database at ${typo} (KEYBOT_DB): check the path`);
    expect(t.out).toEqual([]);
    expect(existsSync(typo)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('tyk-keybot history with no argument', () => {
  it('shows the most recent requests of every requester, newest first, and says how to narrow it', async () => {
    const id = await databaseWithAnImport();
    const store = createStore(env['KEYBOT_DB'] as string, Buffer.from(env['KEYBOT_SECRET_KEY'] as string, 'base64'));
    const now = Date.now() + 1000;
    store.requests.insert({
      id: 'req_fromslack',
      kind: 'rotate-key',
      requester: 'U0SLACKUSER',
      reason: '',
      summary: { title: 'Rotate key fp:0000aaaa' } as never,
      params: {},
      now,
      expiresAt: now + 60_000,
      refs: [],
    });
    store.close();
    const t = cliTerminal();
    expect(await runCli(['history'], t.io, dbOnly())).toBe(0);
    const lines = t.out.join('\n').split('\n');
    expect(lines[0]).toBe(
      'The 2 most recent requests, newest first. Give a KEY or REQUEST_ID (or --user) for one; see tyk-keybot history --help.',
    );
    const heads = lines.filter((l) => l.startsWith('req_'));
    expect(heads[0]).toContain('req_fromslack');
    expect(heads[0]).toContain('(by U0SLACKUSER)');
    expect(heads[1]).toContain(id);
  });

  it('says so when the database has no requests yet', async () => {
    createStore(env['KEYBOT_DB'] as string, Buffer.alloc(32)).close();
    const t = cliTerminal();
    expect(await runCli(['history'], t.io, dbOnly())).toBe(0);
    expect(t.out).toEqual(['No requests in this database yet.']);
  });
});

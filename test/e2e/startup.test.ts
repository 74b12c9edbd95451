import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { baseEnv } from '../harness/env.js';
import { type Harness, startHarness } from '../harness/harness.js';

const run = promisify(execFile);
let h: Harness | undefined;
afterEach(() => h?.close());

describe('start-up and health', () => {
  it('refuses to start with one message naming a missing SLACK_BOT_TOKEN and a malformed DEFAULT_GRACE', async () => {
    const env = { PATH: process.env.PATH, ...baseEnv({ SLACK_BOT_TOKEN: undefined, DEFAULT_GRACE: 'soon' }) } as NodeJS.ProcessEnv;
    const err = await run(process.execPath, ['dist/src/main.js'], { env, cwd: process.cwd() }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect('code' in err && err.code).toBe(2);
    const stderr = (err as { stderr: string }).stderr;
    expect(stderr).toMatch(/cannot start; fix these settings/);
    expect(stderr).toMatch(/SLACK_BOT_TOKEN is required/);
    expect(stderr).toMatch(/DEFAULT_GRACE "soon" is not a duration/);
    expect(stderr).not.toContain(env.KEYBOT_SECRET_KEY as string);
    expect(stderr.trim().split('\n')).toHaveLength(3);
  });

  it('answers GET /healthz with 200 while the database takes writes and 503 when it does not', async () => {
    h = await startHarness();
    const url = `http://127.0.0.1:${h.bot.port}/healthz`;
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', db: 'ok', scheduler: 'ok' });
    const other = new Database(h.config.dbPath);
    other.exec('BEGIN EXCLUSIVE'); // another process holds the database: writes cannot happen
    const down = await fetch(url);
    other.exec('ROLLBACK');
    other.close();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'degraded', db: 'unwritable', scheduler: 'ok' });
    expect((await fetch(url)).status).toBe(200);
  });

  it('answers 503 once the scheduler has stopped', async () => {
    h = await startHarness();
    await h.bot.scheduler.stop();
    const res = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ scheduler: 'stopped' });
  });
});

import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { fingerprint } from '../../src/secret.js';
import { cliGatewayEnv } from '../harness/cli-env.js';
import { tempDir } from '../harness/env.js';
import { startTykEmulator, type TykEmulator } from '../harness/tyk-emulator/index.js';

const API = 'oauth-api';
const ACTOR = `cli:${userInfo().username}`;
let emu: TykEmulator;
let dir: string;
/** where value files go: apart from the database folder, which must never hold a value */
let outDir: string;
let env: Record<string, string>;

beforeEach(async () => {
  emu = await startTykEmulator();
  dir = tempDir('keybot-cli-');
  outDir = tempDir('keybot-cli-out-');
  env = cliGatewayEnv(emu.url, dir);
});
afterEach(() => emu.close());

/** A terminal, or a pipe (isTty false), that keeps what the CLI wrote. */
function terminal(isTty: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), isTty },
    out,
    err,
    all: () => [...out, ...err].join('\n'),
  };
}

const withDashboard = () => ({ ...env, TYK_DASHBOARD_URL: emu.url, TYK_DASHBOARD_API_KEY: 'test-dashboard-key' });
const withPortal = () => ({ ...env, TYK_PORTAL_URL: emu.url, TYK_PORTAL_TOKEN: 'test-portal-token' });

async function currentSecret(clientId: string): Promise<string> {
  const res = await fetch(`${emu.url}/tyk/oauth/clients/${API}/${clientId}`, { headers: { 'x-tyk-authorization': 'test-gateway-secret' } });
  return ((await res.json()) as { secret: string }).secret;
}

/** The SQLite files (database, WAL) must never hold a value in clear. */
const sqliteHolds = (value: string): boolean => readdirSync(dir).some((f) => readFileSync(join(dir, f)).includes(Buffer.from(value)));

async function historyOf(requestId: string): Promise<Array<{ event: string; actor: string }>> {
  const t = terminal(false);
  expect(await runCli(['history', requestId, '--json'], t.io, env)).toBe(0);
  return (JSON.parse(t.out.join('')) as Array<{ history: Array<{ event: string; actor: string }> }>)[0]?.history ?? [];
}

describe('tyk-keybot rotate-secret | rotate-user-key | rotate-credential', () => {
  it('rotate-secret --json writes the new secret to a new 0600 file and prints only fingerprints', async () => {
    const client = emu.oauth.addClient(API, {});
    emu.oauth.issueToken(API, client.client_id);
    const file = join(outDir, 'client-secret');
    const t = terminal(false);
    const code = await runCli(
      ['rotate-secret', API, client.client_id, '--revoke-tokens', '--reason', 'nightly rotation', '--json', '--secret-file', file],
      t.io,
      env,
    );
    expect(code).toBe(0);
    const fresh = await currentSecret(client.client_id);
    expect(fresh).not.toBe(client.secret);
    expect(JSON.parse(t.out.join(''))).toEqual({
      request_id: expect.stringMatching(/^req_/),
      status: 'succeeded',
      api_id: API,
      client_id: client.client_id,
      fingerprint_of_old_value: fingerprint(client.secret),
      fingerprint_of_new_value: fingerprint(fresh),
      secret_file: file,
    });
    expect(readFileSync(file, 'utf8')).toBe(fresh);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(emu.oauth.tokens(API, client.client_id)).toEqual([]);
    const id = JSON.parse(t.out.join('')).request_id as string;
    const rows = await historyOf(id);
    expect(rows.map((r) => r.event)).toEqual([
      'requested',
      'approved',
      'started',
      'secret-rotated',
      'tokens-revoked',
      'succeeded',
      'revealed',
    ]);
    expect(rows[0]?.actor).toBe(ACTOR);
    for (const [name, v] of [
      ['old', client.secret],
      ['new', fresh],
    ] as const) {
      expect(t.all(), name).not.toContain(v);
      expect(sqliteHolds(v), name).toBe(false);
    }
  });

  it('refuses with exit 2, before doing anything, to put a value into a pipe or over an existing file', async () => {
    const client = emu.oauth.addClient(API, {});
    const pipe = terminal(false);
    expect(await runCli(['rotate-secret', API, client.client_id], pipe.io, env)).toBe(2);
    expect(pipe.err.join('\n')).toContain('Pass --secret-file PATH');
    const taken = join(outDir, 'taken');
    writeFileSync(taken, 'x');
    expect(await runCli(['rotate-secret', API, client.client_id, '--secret-file', taken], pipe.io, env)).toBe(2);
    expect(pipe.err.join('\n')).toContain('exists already');
    expect(emu.calls).toHaveLength(0);
    expect(existsSync(env.KEYBOT_DB as string)).toBe(false);
    expect(await currentSecret(client.client_id)).toBe(client.secret);
  });

  it('rotate-user-key on a terminal shows the new key once on stdout', async () => {
    const user = emu.dashboard.addUser({ email: 'ci-robot@example.com' });
    const t = terminal(true);
    expect(await runCli(['rotate-user-key', 'ci-robot@example.com', '--reason', 'yearly'], t.io, withDashboard())).toBe(0);
    const fresh = emu.dashboard.users().find((u) => u.id === user.id)?.access_key as string;
    expect(fresh).not.toBe(user.access_key);
    expect(t.out.filter((line) => line === fresh)).toHaveLength(1);
    expect(t.out.join('\n')).toContain(
      `succeeded: Reset the Tyk Dashboard API key of ci-robot@example.com. New value ${fingerprint(fresh)}`,
    );
    expect(t.err.join('\n')).not.toContain(fresh);
    expect(sqliteHolds(fresh)).toBe(false);
  });

  it('rotate-credential --json names the app, access request and credential, with the new fingerprint', async () => {
    const app = emu.portal.addApp({ name: 'Billing App', userId: emu.portal.defaults.userId });
    const ar = emu.portal.addAccessRequest(app.id, { planId: emu.portal.defaults.planId });
    const cred = emu.portal.addCredential(app.id, ar.id);
    const file = join(outDir, 'credential');
    const t = terminal(false);
    expect(
      await runCli(
        ['rotate-credential', String(app.id), String(ar.id), String(cred.id), '--json', '--secret-file', file],
        t.io,
        withPortal(),
      ),
    ).toBe(0);
    const [now] = emu.portal.credentials(app.id, ar.id);
    expect(now?.id).toBe(cred.id);
    expect(readFileSync(file, 'utf8')).toBe(now?.credential);
    expect(JSON.parse(t.out.join(''))).toMatchObject({
      status: 'succeeded',
      app_id: app.id,
      access_request_id: ar.id,
      credential_id: cred.id,
      fingerprint_of_new_value: fingerprint(now?.credential ?? ''),
    });
    expect(t.all()).not.toContain(cred.credential);
  });

  it('exits 2 for an unknown client or a Tyk part not configured, and 1 with the reason when Tyk refuses', async () => {
    const file = () => join(outDir, `out-${randomBytes(4).toString('hex')}`);
    const unknown = terminal(false);
    expect(await runCli(['rotate-secret', API, 'no-such-client', '--secret-file', file()], unknown.io, env)).toBe(2);
    expect(unknown.err.join('\n')).toContain('has no OAuth client no-such-client');

    const noPortal = terminal(false);
    expect(await runCli(['rotate-credential', '1', '2', '3', '--secret-file', file()], noPortal.io, env)).toBe(2);
    expect(noPortal.err.join('\n')).toContain('TYK_PORTAL_URL');

    const olga = emu.dashboard.addUser({ email: 'owner@example.com' });
    emu.dashboard.forbidAdminReset = true;
    const refused = terminal(false);
    const out = file();
    expect(await runCli(['rotate-user-key', olga.id, '--json', '--secret-file', out], refused.io, withDashboard())).toBe(1);
    expect(JSON.parse(refused.out.join(''))).toMatchObject({
      status: 'failed',
      user_id: olga.id,
      fingerprint_of_new_value: null,
      error: expect.stringContaining('HTTP 403'),
    });
    expect(existsSync(out)).toBe(false);
    expect(emu.dashboard.users().find((u) => u.id === olga.id)?.access_key).toBe(olga.access_key);
  });

  it('answers --help for each command and lists them in the general usage', async () => {
    const t = terminal(false);
    expect(await runCli(['rotate-credential', '--help'], t.io, env)).toBe(0);
    expect(t.out.join('\n')).toContain('Usage: tyk-keybot rotate-credential APP_ID ACCESS_REQUEST_ID CREDENTIAL_ID');
    expect(await runCli(['help'], t.io, env)).toBe(0);
    for (const c of ['rotate-secret API_ID CLIENT_ID', 'rotate-user-key USER_ID_OR_EMAIL', 'rotate-credential APP_ID'])
      expect(t.out.join('\n')).toContain(c);
    expect(await runCli(['rotate-secret', API, '--bogus'], t.io, env)).toBe(2);
  });
});

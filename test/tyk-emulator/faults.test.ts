import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, clients } from '../harness/tyk-emulator/http-client.js';
import { startTykEmulator, TEST_ORG, type TykEmulator } from '../harness/tyk-emulator/index.js';

let emu: TykEmulator;
let c: ReturnType<typeof clients>;
const orders = { access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders API', versions: ['Default'] } } };

beforeEach(async () => {
  emu = await startTykEmulator();
  c = clients(emu);
});
afterEach(() => emu.close());

describe('scripted faults', () => {
  it('fails the next n matching management calls in each API own error shape', async () => {
    emu.faults.failNext(2, { match: /^GET \/tyk\/apis$/ });
    expect((await c.gateway('GET', '/tyk/policies')).status).toBe(200);
    const first = await c.gateway('GET', '/tyk/apis');
    expect([first.status, first.text]).toEqual([500, '{"status":"error","message":"Emulated failure"}\n']);
    expect((await c.gateway('GET', '/tyk/apis')).status).toBe(500);
    expect((await c.gateway('GET', '/tyk/apis')).status).toBe(200);
    emu.faults.failNext(1, { status: 503 });
    expect((await c.dashboard('GET', '/api/apis')).json).toEqual({ Status: 'Error', Message: 'Emulated failure', Meta: null });
    emu.faults.failNext(1);
    expect((await c.portal('GET', '/portal-api/apps')).json).toEqual({ status: 'error', errors: ['Emulated failure'] });
  });

  it('answers 429 with Retry-After, and never touches consumer or control calls', async () => {
    emu.faults.rateLimitNext(5, 7);
    emu.seedKey({ raw: 'fault-free', session: orders });
    expect((await call(emu.url, 'GET', '/consumer/orders-api/anything', { headers: { authorization: 'fault-free' } })).status).toBe(200);
    expect((await call(emu.url, 'GET', '/_emulator/stats')).status).toBe(200);
    const r = await c.gateway('POST', '/tyk/keys/limited-key', { body: { org_id: TEST_ORG, ...orders } });
    expect([r.status, r.headers.get('retry-after')]).toEqual([429, '7']);
    expect(emu.keys()).toHaveLength(1);
  });

  it('hangs matching calls until close, leaves them out of calls, and answers the next one', async () => {
    emu.faults.hangNext(1, /^GET \/tyk\/apis/);
    emu.faults.hangNext(1, /^GET \/tyk\/policies/);
    const headers = { 'x-tyk-authorization': emu.options.gatewaySecret };
    const timedOut = fetch(`${emu.url}/tyk/apis`, { headers, signal: AbortSignal.timeout(300) }).then(
      () => 'answered',
      () => 'aborted',
    );
    await expect(timedOut).resolves.toBe('aborted');
    const stuck = fetch(`${emu.url}/tyk/policies`, { headers }).then(
      () => 'answered',
      () => 'dropped',
    );
    expect((await c.gateway('GET', '/tyk/apis')).status).toBe(200);
    expect(emu.calls.filter((x) => x.path === '/tyk/apis')).toHaveLength(1);
    await emu.close();
    await expect(stuck).resolves.toBe('dropped');
  });

  it('adds latency to management calls only', async () => {
    emu.faults.latencyMs = 150;
    emu.seedKey({ raw: 'quick-key', session: orders });
    const t0 = performance.now();
    await c.gateway('GET', '/tyk/apis');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('replays the same random faults for the same seed, and reset clears everything', async () => {
    const statuses = async (target: TykEmulator) => {
      target.faults.randomFaults({ error500: 0.3, rateLimit429: 0.3, seed: 42 });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await clients(target).gateway('GET', '/tyk/apis')).status);
      return out;
    };
    const other = await startTykEmulator();
    try {
      const a = await statuses(emu);
      expect(a).toEqual(await statuses(other));
      expect(new Set(a)).toEqual(new Set([200, 429, 500]));
    } finally {
      await other.close();
    }
    emu.faults.reset();
    expect((await c.gateway('GET', '/tyk/apis')).status).toBe(200);
  });

  it('records answered calls without bodies or headers', async () => {
    await c.gateway('GET', '/tyk/keys/some-key', { query: { api_id: 'orders-api' } });
    expect(emu.calls.at(-1)).toEqual({
      method: 'GET',
      path: '/tyk/keys/some-key',
      query: { api_id: 'orders-api' },
      status: 404,
      at: expect.any(Number),
    });
  });
});

describe('control API', () => {
  it('drives faults, seeds keys, counts and resets over HTTP without auth', async () => {
    const ctl = (path: string, body?: unknown) =>
      call(emu.url, body === undefined ? 'GET' : 'POST', `/_emulator/${path}`, body === undefined ? {} : { body });
    expect((await ctl('faults', { failNext: { n: 1, status: 502, match: '^GET /tyk/apis$' } })).json).toEqual({ ok: true });
    expect((await c.gateway('GET', '/tyk/apis')).status).toBe(502);
    const seeded = (await ctl('seed-key', { raw: 'ctl-seeded-key', session: orders })).json as { token: string; raw: string };
    expect(seeded.raw).toBe('ctl-seeded-key');
    expect(emu.consume('orders-api', 'ctl-seeded-key').status).toBe(200);
    expect((await ctl('stats')).json).toEqual({ keys: 1, calls: 1, creates: { count: 0, firstAt: null, lastAt: null } }); // in-process consume() is no HTTP call
    await ctl('faults', { randomFaults: { error500: 1, seed: 3 } });
    expect((await c.gateway('GET', '/tyk/apis')).status).toBe(500);
    await ctl('faults', { reset: true });
    // the answered creates, and when the first and last were answered: a bench's create phase
    for (const id of ['ctl-created-1', 'ctl-created-2'])
      expect((await c.gateway('POST', `/tyk/keys/${id}`, { body: { org_id: TEST_ORG, ...orders } })).status).toBe(200);
    const { creates } = (await ctl('stats')).json as { creates: { count: number; firstAt: number; lastAt: number } };
    expect(creates.count).toBe(2);
    expect(creates.lastAt).toBeGreaterThanOrEqual(creates.firstAt);
    await ctl('reset', {});
    expect((await ctl('stats')).json).toEqual({ keys: 0, calls: 0, creates: { count: 0, firstAt: null, lastAt: null } });
    expect((await c.gateway('GET', '/tyk/apis')).status).toBe(200);
  });
});

/** Transpiles main.ts and what it imports (no type check) into a temp dir, as `npm run build` would. */
function buildStandalone(): { dir: string; entry: string } {
  const root = resolve(import.meta.dirname, '../..');
  const dir = mkdtempSync(join(tmpdir(), 'tyk-emulator-'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  const pending = [resolve(root, 'test/harness/tyk-emulator/main.ts')];
  const done = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (done.has(file)) continue;
    done.add(file);
    const source = readFileSync(file, 'utf8');
    const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    const target = join(dir, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out.outputText);
    for (const m of source.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) pending.push(resolve(dirname(file), `${m[1]}.ts`));
  }
  return { dir, entry: join(dir, 'test/harness/tyk-emulator/main.js') };
}

describe('standalone emulator', () => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  afterEach(() => {
    child?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints its URL as one JSON line and serves the control API', async () => {
    const built = buildStandalone();
    dir = built.dir;
    child = spawn(process.execPath, [built.entry, '--port', '0', '--latency', '20', '--hash-keys', 'true', '--print-url'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = await new Promise<string[]>((done) => createInterface({ input: child!.stdout! }).once('line', (l) => done([l])));
    const { url } = JSON.parse(line!) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await call(url, 'POST', '/_emulator/seed-key', { body: { raw: 'standalone-key', session: orders } });
    const seen = await call(url, 'GET', '/consumer/orders-api/anything', { headers: { authorization: 'standalone-key' } });
    expect(seen.status).toBe(200);
    expect((await call(url, 'GET', '/_emulator/stats')).json).toEqual({
      keys: 1,
      calls: 1,
      creates: { count: 0, firstAt: null, lastAt: null },
    });
    const exited = new Promise<number | null>((done) => child!.once('exit', done));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../src/secret.js';
import { type Harness, startHarness } from '../harness/harness.js';
import { revealValue } from '../harness/rotation-steps.js';
import { startTykEmulator, type TykEmulator } from '../harness/tyk-emulator/index.js';
import { USERS } from '../harness/users.js';

const RAW = 'billing-ci-key-0001';
const SESSION = {
  alias: 'billing-ci',
  access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } },
};

let h: Harness;
let restarted: TykEmulator | undefined;
afterEach(async () => {
  await h.close();
  await restarted?.close();
  restarted = undefined;
});

const get = async (path: string) => {
  const res = await fetch(`http://127.0.0.1:${h.bot.port}${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};
const readyz = async () => {
  const r = await get('/readyz');
  return {
    status: r.status,
    body: JSON.parse(r.text) as { status: string; notAnswering: string[]; lastAnswerAt: Record<string, string | null> },
  };
};

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text format, sample lines only: `name{a="b",…} value`. */
function parseMetrics(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
      return { name: m[1] as string, labels, value: Number(m[3]) };
    });
}

/** The one sample of `name` whose labels include `labels`; fails when there is none. */
function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length !== 1) throw new Error(`${found.length} samples of ${name}${JSON.stringify(labels)}`);
  return (found[0] as Sample).value;
}

/** Every label value the bot's own metrics may carry: fixed vocabularies, nothing a user typed or a key. */
const ALLOWED_LABEL =
  /^(rotate-key|extend-grace|import-keys|rotate-secret|rotate-user-key|rotate-credential|revoke-key|test|pending|approved|running|succeeded|failed|partial|rejected|expired|cancelled|gateway|dashboard|portal|other|\d{3}|network|timeout|0\.5|0\.99|1|\+Inf|[0-9.e+]+)$/;

describe('/readyz', () => {
  it('is 200 after start, 503 naming the Gateway once it has not answered for a minute, and 200 again when it answers', async () => {
    h = await startHarness();
    const started = h.clock.now();
    const first = await readyz();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'ready', notAnswering: [] });
    expect(first.body.lastAnswerAt).toEqual({ slack: new Date(started).toISOString(), gateway: new Date(started).toISOString() });

    const port = Number(new URL(h.tyk.url).port);
    await h.tyk.close();
    h.clock.advance('61s');
    const down = await readyz();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'not ready', notAnswering: ['gateway'] });
    // Slack was probed (auth.test) and answered; the Gateway's last answer is the one at start
    expect(down.body.lastAnswerAt).toEqual({ slack: new Date(h.clock.now()).toISOString(), gateway: new Date(started).toISOString() });

    restarted = await startTykEmulator({ clock: h.clock, port });
    // a probe at most every 30 s: asking again at once does not call Tyk
    expect((await readyz()).status).toBe(503);
    expect(restarted.calls).toEqual([]);
    h.clock.advance('30s');
    const back = await readyz();
    expect(back.status).toBe(200);
    expect(back.body.notAnswering).toEqual([]);
    expect(restarted.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /hello']);
  });

  it('needs no probe while the bot talks to Tyk, and counts a 4xx as an answer', async () => {
    h = await startHarness();
    expect((await readyz()).status).toBe(200);
    const probes = () => h.tyk.calls.filter((c) => c.path === '/hello').length;
    const before = probes();
    for (let i = 0; i < 3; i++) {
      h.clock.advance('40s');
      // a key that does not exist: Tyk answers 404, which shows it is up as well as a 200 would
      await expect(h.bot.tyk.keys.get({ raw: new Secret('no-such-key'), orgId: h.bot.tyk.keys.orgId })).resolves.toBeNull();
      expect((await readyz()).status).toBe(200);
    }
    expect(probes()).toBe(before);
  });
});

describe('/metrics', () => {
  it('counts a rotation by kind and status, its approval time and its Tyk calls, and holds no secret', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1h' } });
    h.tyk.seedKey({ raw: RAW, session: SESSION });
    const res = await h.driver.command('/rotate-key', `${RAW} --grace 2h --reason "quarterly rotation"`, { user: USERS.requester });
    expect(res.status).toBe(200);
    const request = await h.until(() => h.bot.store.requests.byRequester(USERS.requester)[0], 'the rotation request');
    const msg = await h.approvalMessage(request.id);
    h.clock.advance('90s');
    await h.driver.click(msg, 'Approve', { user: USERS.approver1 });
    await h.until(() => h.bot.store.jobs.forRequest(request.id).some((j) => j.step === 'retire' && j.status === 'pending'), 'grace');
    const newKey = await revealValue(h, USERS.requester);
    expect(newKey.length).toBeGreaterThan(20);
    h.bot.setKeysOverdue(3);

    const page = await get('/metrics');
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/plain');
    const samples = parseMetrics(page.text);
    for (const status of ['pending', 'approved', 'running'])
      expect(sampleValue(samples, 'keybot_requests_total', { kind: 'rotate-key', status })).toBe(1);
    expect(sampleValue(samples, 'keybot_approval_seconds_count')).toBe(1);
    expect(sampleValue(samples, 'keybot_approval_seconds_sum')).toBe(90);
    expect(sampleValue(samples, 'keybot_approval_seconds_bucket', { le: '60' })).toBe(0);
    expect(sampleValue(samples, 'keybot_approval_seconds_bucket', { le: '300' })).toBe(1);
    const ok = h.tyk.calls.filter((c) => c.status === 200).length;
    expect(ok).toBeGreaterThan(1);
    expect(sampleValue(samples, 'keybot_tyk_requests_total', { service: 'gateway', code: '200' })).toBe(ok);
    expect(sampleValue(samples, 'keybot_tyk_request_seconds_count', { service: 'gateway' })).toBe(h.tyk.calls.length);
    const pendingJobs = h.bot.store.db.prepare("SELECT COUNT(*) AS n FROM jobs WHERE status = 'pending'").get() as { n: number };
    expect(pendingJobs.n).toBeGreaterThan(0);
    expect(sampleValue(samples, 'keybot_jobs_pending')).toBe(pendingJobs.n);
    expect(sampleValue(samples, 'keybot_rotations_in_grace')).toBe(1);
    expect(sampleValue(samples, 'keybot_keys_overdue')).toBe(3);
    for (const quantile of ['0.5', '0.99', '1']) {
      const delay = sampleValue(samples, 'keybot_event_loop_delay_seconds', { quantile });
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(5);
    }
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);

    for (const secret of [
      RAW,
      newKey,
      'xoxb-test-bot-token',
      'test-gateway-secret',
      'test-signing-secret',
      h.config.secretKey.toString('base64'),
    ])
      expect(page.text).not.toContain(secret);
    const labelValues = samples.filter((s) => s.name.startsWith('keybot_')).flatMap((s) => Object.values(s.labels));
    expect(labelValues.filter((v) => !ALLOWED_LABEL.test(v))).toEqual([]);
    expect(page.text).not.toMatch(/req_|fp:|U0[A-Z0-9]+|\.db\b/);
  });
  it('times the ack of every answered Slack delivery, and not a refused one', async () => {
    h = await startHarness({});
    for (const user of [USERS.requester, USERS.approver1, USERS.approver2])
      expect((await h.driver.command('/rotate-key', 'help', { user })).status).toBe(200);
    const signed = h.driver.lastSent();
    if (!signed) throw new Error('no signed request was sent');
    expect((await h.driver.raw(signed.body, { ...signed.headers, 'x-slack-signature': 'v0=00' })).status).toBe(401);

    const samples = parseMetrics((await get('/metrics')).text);
    expect(sampleValue(samples, 'keybot_slack_ack_seconds_count')).toBe(3);
    expect(sampleValue(samples, 'keybot_slack_ack_seconds_bucket', { le: '3' })).toBe(3); // within Slack's 3 s
    expect(sampleValue(samples, 'keybot_slack_ack_seconds_sum')).toBeGreaterThan(0);
  });
});

describe('Socket Mode', () => {
  it('serves /readyz and /metrics on the ops server; a connected socket counts as Slack answering', async () => {
    h = await startHarness({ env: { SLACK_APP_TOKEN: 'xapp-1-A0KEYBOT01-test-app-token', SLACK_SIGNING_SECRET: undefined } });
    await h.slack.waitFor(() => h.slack.socket.accepted > 0 || undefined, { what: 'the socket connection' });
    h.clock.advance('5m');
    const authTests = h.slack.calls.filter((c) => c.method === 'auth.test').length;
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.body.notAnswering).toEqual([]);
    expect(h.slack.calls.filter((c) => c.method === 'auth.test').length).toBe(authTests); // no probe: the socket is up
    const page = await get('/metrics');
    expect(page.status).toBe(200);
    expect(sampleValue(parseMetrics(page.text), 'keybot_jobs_pending')).toBeGreaterThanOrEqual(0);
  });

  it('times the ack of every Socket Mode envelope as it does over HTTP, and stops counting it as waiting', async () => {
    h = await startHarness({ socketMode: true });
    await h.slack.socket.waitForConnection();
    const acks = h.bot.acks;
    const arrived = acks.arrived.bind(acks);
    let counted = 0;
    acks.arrived = () => {
      counted += 1;
      return arrived();
    };
    for (const user of [USERS.requester, USERS.approver1, USERS.approver2])
      expect((await h.driver.command('/rotate-key', 'help', { user })).status).toBe(200);
    expect(h.slack.calls.filter((c) => c.method === 'socket_ack' && c.ok)).toHaveLength(3);

    const samples = parseMetrics((await get('/metrics')).text);
    expect(sampleValue(samples, 'keybot_slack_ack_seconds_count')).toBe(3);
    expect(sampleValue(samples, 'keybot_slack_ack_seconds_bucket', { le: '3' })).toBe(3);
    expect(sampleValue(samples, 'keybot_slack_ack_seconds_sum')).toBeGreaterThan(0);
    // each envelope counted as waiting from its arrival to its listener (ack-first.ts), then released
    expect(counted).toBe(3);
    expect(acks.waiting).toBe(0);
  });
});

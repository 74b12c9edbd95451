import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { requestRotation, revealValue } from '../harness/rotation-steps.js';
import { findLeaks } from '../harness/secret-scan.js';
import { USERS } from '../harness/users.js';

const SESSION = {
  alias: 'billing-ci',
  rate: 50,
  per: 1,
  quota_max: -1,
  quota_renewal_rate: -1,
  access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } },
  meta_data: { team: 'billing' },
};
const FIRST = 'billing-ci-key-0001';
const SECOND = 'billing-ci-key-0002';

let h: Harness;

/** The bot's log lines with this message, parsed. */
const logged = (msg: string) =>
  h.logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === msg) as Array<Record<string, any>>;
const calls = (method: string, ok = true) => h.slack.calls.filter((c) => c.method === method && c.ok === ok);
const healthz = async () => (await fetch(`http://127.0.0.1:${h.bot.port}/healthz`)).status;

/** A full rotation through the socket; returns the new key, checked against the emulator. */
async function rotateThroughSocket(raw: string, approver: string): Promise<string> {
  h.tyk.seedKey({ raw, session: SESSION });
  const id = await requestRotation(h, `${raw} --grace 1h`, approver);
  expect(h.bot.store.history.forRequest(id).find((e) => e.event === 'approved')?.actor).toBe(approver);
  const newKey = await revealValue(h, USERS.requester);
  expect(newKey.length).toBeGreaterThan(20);
  expect(h.tyk.consume('orders-api', newKey).status).toBe(200);
  return newKey;
}

describe('Socket Mode', () => {
  afterEach(() => h.close());

  it('rotates a key through the socket, reconnects after a disconnect while /healthz stays up, and serves the next command', async () => {
    h = await startHarness({ socketMode: true, env: { MIN_GRACE: '1s' } });
    expect(h.config.slack.signingSecret).toBeUndefined();
    await h.slack.socket.waitForConnection();

    const first = await rotateThroughSocket(FIRST, USERS.approver1);
    const acks = calls('socket_ack').map((c) => c.args.type);
    expect(acks).toEqual(expect.arrayContaining(['slash_commands', 'interactive']));
    expect(calls('socket_ack', false)).toEqual([]); // every envelope acked within 3 s, none with an answer Slack ignores
    expect(calls('apps.connections.open')).toHaveLength(2); // the start-up check of SLACK_APP_TOKEN, then the socket

    // Slack recycles the connection; apps.connections.open fails three times before it answers again.
    h.slack.faults.fail('apps.connections.open', 3, 503);
    h.slack.socket.disconnect('refresh_requested');
    const statuses: number[] = [];
    let sawDown = false;
    const deadline = Date.now() + 15_000;
    while (!(h.slack.socket.accepted === 2 && h.slack.socket.connected)) {
      sawDown ||= !h.slack.socket.connected;
      statuses.push(await healthz());
      if (Date.now() > deadline) throw new Error('the bot did not reconnect');
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(sawDown).toBe(true);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(calls('apps.connections.open', false)).toHaveLength(3);
    expect(calls('apps.connections.open')).toHaveLength(3); // with the start-up check's
    await h.until(() => logged('Socket Mode connected').length === 2, 'the second hello');
    const failures = logged('Socket Mode connection failed; retrying');
    expect(failures.map((f) => f.reason)).toEqual(Array(3).fill('Slack answered HTTP 503'));
    expect(failures.every((f) => f.url === `${h.slack.apiUrl}apps.connections.open`)).toBe(true);

    const second = await rotateThroughSocket(SECOND, USERS.approver2);
    expect(calls('socket_ack', false)).toEqual([]);
    expect(findLeaks(h, [FIRST, SECOND, first, second, h.slack.appToken])).toEqual([]);
  });

  it('runs Socket Mode when SLACK_SIGNING_SECRET is set too, says so at start, and serves no HTTP events endpoint', async () => {
    h = await startHarness({ socketMode: true, env: { SLACK_SIGNING_SECRET: 'test-signing-secret' } });
    expect(logged('tyk-keybot started')[0]).toMatchObject({ mode: 'socket', unusedSettings: ['SLACK_SIGNING_SECRET'] });
    expect((await fetch(`http://127.0.0.1:${h.bot.port}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
    await h.slack.socket.waitForConnection();
    expect(h.logs.text()).not.toContain('test-signing-secret');
  });
});

describe('Socket Mode connection failures', () => {
  it('logs a refused WebSocket handshake with the URL and why, without the socket URL’s ticket, then connects', async () => {
    h = await startHarness({ socketMode: true });
    await h.slack.socket.waitForConnection();
    h.slack.socket.refuseConnections(2, 503);
    h.slack.socket.drop();
    await h.until(() => logged('Socket Mode connected').length === 2, 'the reconnection');
    const failures = logged('Socket Mode connection failed; retrying');
    expect(failures).toHaveLength(2);
    for (const f of failures) {
      expect(f.url).toBe(`${h.slack.apiUrl}apps.connections.open`);
      expect(f.socketUrl).toBe(h.slack.apiUrl.replace(/^http:/, 'ws:').replace(/api\/$/, 'link/'));
      expect(f.reason).toBe("the WebSocket connection failed before Slack's hello (refused or dropped)");
    }
    expect(h.logs.text()).not.toMatch(/ticket=/);
    expect(findLeaks(h, [h.slack.appToken])).toEqual([]);
  });
});

describe('Socket Mode start-up', () => {
  it('refuses to start with a wrong app token, naming apps.connections.open’s URL and invalid_auth, never the token', async () => {
    const wrong = 'xapp-1-A0KEYBOT01-not-the-app-token';
    // the harness closes its fake and emulator itself when the bot refuses to start
    const refused = await startHarness({ socketMode: true, env: { SLACK_APP_TOKEN: wrong } }).then(
      async (started) => {
        await started.close();
        return 'started';
      },
      (e: Error) => e.message,
    );
    expect(refused).toContain('apps.connections.open refused SLACK_APP_TOKEN (invalid_auth)');
    expect(refused).not.toContain(wrong);
  });
});

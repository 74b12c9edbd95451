import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type SlackFake, startSlackFake } from '../harness/slack-fake/index.js';

let fake: SlackFake;
beforeEach(async () => {
  fake = await startSlackFake();
});
afterEach(() => fake.close());

const connectionsOpen = async (token: string) =>
  (await (
    await fetch(`${fake.apiUrl}apps.connections.open`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
  ).json()) as {
    ok: boolean;
    url?: string;
    error?: string;
  };

/** A bare Socket Mode client: the messages it got, and a way to wait for the next one. */
async function connect(url: string) {
  const ws = new WebSocket(url);
  const got: Array<Record<string, any>> = [];
  ws.on('message', (data) => got.push(JSON.parse(String(data))));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
  const next = (type?: string) => fake.waitFor(() => got.find((m) => type === undefined || m.type === type), { what: `a ${type} message` });
  return { ws, got, next, closed };
}

const acks = () => fake.calls.filter((c) => c.method === 'socket_ack');

describe("the Slack fake's Socket Mode side", () => {
  it('gives a one-use WebSocket URL to the app-level token only, and greets each connection with hello', async () => {
    expect(await connectionsOpen(fake.botToken)).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect(await connectionsOpen('xapp-1-A0KEYBOT01-wrong')).toEqual({ ok: false, error: 'invalid_auth' });
    const { url } = await connectionsOpen(fake.appToken);
    const c = await connect(url as string);
    expect(await c.next('hello')).toMatchObject({ type: 'hello', num_connections: 1, connection_info: { app_id: fake.appId } });
    await expect(connect(url as string)).rejects.toThrow(/401/); // the ticket is used up
    c.ws.close();
  });

  it('waits 3 s for an ack: an answer in time resolves with its payload, a missing one fails and is recorded, a late one too', async () => {
    const c = await connect((await connectionsOpen(fake.appToken)).url as string);
    const answered = fake.socket.send('slash_commands', { command: '/rotate-key', text: 'help' });
    const envelope = await c.next('slash_commands');
    expect(envelope).toMatchObject({ accepts_response_payload: true, payload: { command: '/rotate-key' } });
    c.ws.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: { text: 'Usage' } }));
    expect(await answered).toEqual({ text: 'Usage' });

    const started = Date.now();
    const unanswered = fake.socket.send('events_api', { event: { type: 'app_home_opened' } });
    await expect(unanswered).rejects.toThrow('did not acknowledge the events_api envelope within 3000 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    const late = c.got.find((m) => m.type === 'events_api') as Record<string, any>;
    expect(late).toMatchObject({ retry_attempt: 0, accepts_response_payload: false });
    c.ws.send(JSON.stringify({ envelope_id: late.envelope_id, payload: {} }));
    await fake.waitFor(() => acks().length === 3, { what: 'the late ack' });
    expect(acks().map((a) => [a.args.type ?? null, a.error ?? 'ok'])).toEqual([
      ['slash_commands', 'ok'],
      ['events_api', 'ack_timeout'],
      [null, 'ack_after_timeout'],
    ]);
    c.ws.close();
  }, 10_000);

  it('drops a response payload on a click (Slack takes none) and records it', async () => {
    const c = await connect((await connectionsOpen(fake.appToken)).url as string);
    const answered = fake.socket.send('interactive', { type: 'block_actions', actions: [] });
    const envelope = await c.next('interactive');
    expect(envelope.accepts_response_payload).toBe(false);
    c.ws.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: { text: 'lost' } }));
    expect(await answered).toEqual({});
    expect(acks().at(-1)).toMatchObject({ ok: false, error: 'response_payload_not_accepted' });
  });

  it('sends disconnect with its reason and then closes the connection itself', async () => {
    const c = await connect((await connectionsOpen(fake.appToken)).url as string);
    await c.next('hello');
    fake.socket.disconnect('refresh_requested');
    expect(await c.next('disconnect')).toMatchObject({ type: 'disconnect', reason: 'refresh_requested' });
    expect(await c.closed).toBe(1000);
    await fake.waitFor(() => !fake.socket.connected, { what: 'the connection to be gone' });
  });

  it('refuses the next handshakes when asked, with the status given', async () => {
    fake.socket.refuseConnections(1, 503);
    await expect(connect((await connectionsOpen(fake.appToken)).url as string)).rejects.toThrow(/503/);
    const c = await connect((await connectionsOpen(fake.appToken)).url as string);
    await c.next('hello');
    expect(fake.calls.filter((x) => x.method === 'socket_connect').map((x) => x.status)).toEqual([503, 101]);
    c.ws.close();
  });
});

import { connect, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';

let h: Harness;
let socket: Socket | undefined;
afterEach(async () => {
  socket?.destroy();
  await h.close();
});

/** Sends one keep-alive GET on `s` and resolves with the answer's status line, or 'closed' if the bot closed the connection first. */
const getOn = (s: Socket, path: string) =>
  new Promise<string>((resolve) => {
    let text = '';
    const onData = (c: Buffer) => {
      text += c.toString('latin1');
      if (text.includes('\r\n\r\n')) done(text.split('\r\n')[0] as string);
    };
    const onClose = () => done('closed');
    const done = (v: string) => {
      s.off('data', onData).off('close', onClose);
      resolve(v);
    };
    s.on('data', onData).once('close', onClose);
    if (s.destroyed) done('closed');
    else s.write(`GET ${path} HTTP/1.1\r\nHost: bot\r\nConnection: keep-alive\r\n\r\n`);
  });

// Slack's requests usually come through a load balancer that keeps connections to the bot open
// while idle (AWS ALB: 60 s). Node closes an idle one after 5 s, so the balancer could send a request
// down a connection the bot was closing that moment (a 502 for Slack), and each new connection
// costs a request its set-up, on a busy bot tens of milliseconds.
it('keeps an idle connection to the request URL open for longer than a load balancer does (60 s), not Node’s 5 s', async () => {
  h = await startHarness();
  const s = connect(h.bot.port, '127.0.0.1');
  socket = s;
  await new Promise((resolve) => s.once('connect', resolve));
  expect(await getOn(s, '/healthz')).toBe('HTTP/1.1 200 OK');
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  expect(await getOn(s, '/healthz')).toBe('HTTP/1.1 200 OK');
}, 20_000);

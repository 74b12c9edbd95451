import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SlackStore } from './store.js';
import type { OtherHost } from './types.js';

/**
 * A server at an origin that is not Slack's (127.0.0.1 on a port of its own), as a download URL
 * pointing away from files.slack.com would reach: it records every request with the
 * Authorization header it carried and, like any server, hands out the bytes of a file it knows.
 */
export async function startOtherHost(store: SlackStore): Promise<OtherHost & { server: Server }> {
  const requests: OtherHost['requests'] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push({ method: req.method ?? 'GET', path, authorization: req.headers.authorization });
    const fileId = /^\/files-pri\/[A-Z0-9]+-(F[A-Z0-9]+)\//.exec(path)?.[1];
    const file = fileId ? store.files.get(fileId) : undefined;
    if (!file) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    res.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.content.length) }).end(file.content);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

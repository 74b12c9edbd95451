import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it went over the wire to Tyk, and Tyk's reply. */
export interface Exchange {
  method: string;
  /** URL path, still percent-encoded, without the query */
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
  replyHeaders: http.IncomingHttpHeaders;
  replyBody: string;
}

export interface RecordingProxy {
  url: string;
  exchanges: Exchange[];
  /** TCP connections clients opened to the proxy (kept-alive ones count once) */
  readonly connections: number;
  close(): Promise<void>;
}

const readAll = async (stream: NodeJS.ReadableStream): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * A pass-through HTTP proxy on 127.0.0.1 that records every exchange, so a test can check what
 * the clients really send and what the server really answers (the bytes, not axios' view).
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const exchanges: Exchange[] = [];
  const server = http.createServer(async (req, res) => {
    const body = await readAll(req);
    const url = new URL(req.url ?? '/', 'http://proxy');
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      async (reply) => {
        const replyBody = await readAll(reply);
        exchanges.push({
          method: req.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: req.headers,
          body,
          status: reply.statusCode ?? 0,
          replyHeaders: reply.headers,
          replyBody,
        });
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        res.end(replyBody);
      },
    );
    forward.on('error', () => res.destroy());
    forward.end(body);
  });
  let connections = 0;
  server.on('connection', () => void connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

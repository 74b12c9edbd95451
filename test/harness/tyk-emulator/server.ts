import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '../../../src/clock.js';
import type { FaultPlan } from './faults.js';
import { type EmuReply, type EmuRequest, text, withHeader } from './http-kit.js';
import type { Surface } from './surface.js';
import type { CallRecord } from './types.js';

const MAX_BODY = 20 * 1024 * 1024;

export interface ServerDeps {
  surfaces: Surface[];
  /** `/_emulator/`: no auth, no latency, no faults, not recorded */
  control: Surface;
  faults: FaultPlan;
  calls: CallRecord[];
  clock: Clock;
}

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** node:http front door: routing to a surface, latency and faults, call recording. */
export async function listen(deps: ServerDeps, host: string, port: number): Promise<Listening> {
  const hung = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    handle(deps, hung, req, res).catch(() => {
      if (!res.headersSent) send(res, text(500, 'emulator error\n'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    close: async () => {
      for (const res of hung) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handle(deps: ServerDeps, hung: Set<ServerResponse>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = req.method ?? 'GET';
  // a trailing slash is stripped before routing (docs/tyk-api.md §1.1)
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const query = Object.fromEntries(url.searchParams);
  const body = await readBody(req);
  const request: EmuRequest = { method, path, query, headers: req.headers, body, params: {} };
  if (path.startsWith(deps.control.prefix)) {
    send(res, dispatch(deps.control, request));
    return;
  }
  const record = (status: number): void => {
    deps.calls.push({ method, path, query, status, at: deps.clock.now() });
  };
  const surface = deps.surfaces.find((s) => `${path}/`.startsWith(s.prefix));
  if (!surface) {
    record(404);
    send(res, text(404, '404 page not found\n'));
    return;
  }
  if (surface.management) {
    if (deps.faults.latencyMs > 0) await delay(deps.faults.latencyMs);
    const fault = deps.faults.decide(`${method} ${path}`);
    if (fault?.kind === 'hang') {
      // never answered, so never recorded: `calls` lists answered requests
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    if (fault) {
      if (fault.kind === 'error-after') dispatch(surface, request); // the change lands; only its reply is lost
      const reply =
        fault.kind === 'error' || fault.kind === 'error-after'
          ? surface.error(fault.status, 'Emulated failure')
          : withHeader(surface.error(429, 'Too Many Requests'), 'retry-after', String(fault.retryAfterSeconds));
      record(reply.status);
      send(res, reply);
      return;
    }
  }
  const reply = dispatch(surface, request);
  if (reply.destroy) {
    res.socket?.destroy();
    return;
  }
  record(reply.status);
  send(res, reply);
}

function dispatch(surface: Surface, req: EmuRequest): EmuReply {
  const match = surface.routes.match(req.method, req.path);
  if (match === undefined) return surface.notFound();
  if (match === 'method-not-allowed') return surface.methodNotAllowed();
  const refusal = surface.authorize(req);
  if (refusal) return refusal;
  return match.handler({ ...req, params: match.params });
}

function send(res: ServerResponse, reply: EmuReply): void {
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

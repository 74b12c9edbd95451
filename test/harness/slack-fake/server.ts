import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { FaultPlan } from './faults.js';
import { type RouteResult, receiveUpload, serveFile, signInPage } from './file-routes.js';
import { parseArgs, readBody } from './http-body.js';
import { type MethodContext, str } from './methods/context.js';
import { METHODS } from './methods/index.js';
import { faultError, faultReply, htmlReply, jsonReply, send } from './raw-reply.js';
import { fail, ok, type Reply } from './reply.js';
import { postToResponseUrl } from './response-url.js';
import { missingScope, scopeHeaders } from './scopes.js';
import type { SocketModeSide } from './socket-mode.js';
import type { RecordedCall } from './types.js';

export interface ServerDeps {
  ctx: MethodContext;
  faults: FaultPlan;
  botToken: string;
  /** the app-level token (xapp-…): the only token apps.connections.open takes */
  appToken: string;
  socket: SocketModeSide;
  calls: RecordedCall[];
}

const fromReply = (r: Reply, args: Record<string, unknown>): RouteResult => ({
  reply: jsonReply(r),
  args,
  ok: r.body.ok === true,
  ...(typeof r.body.error === 'string' ? { error: r.body.error } : {}),
});

/**
 * One HTTP server plays every Slack host the bot talks to: slack.com/api/* (Web API),
 * files.slack.com/upload/v1/* (upload URLs), files.slack.com/files-pri/* (downloads) and
 * hooks.slack.com (response_url). Every request is recorded in `calls`, refused ones too.
 */
export function createFakeServer(deps: ServerDeps): Server {
  const server = createServer((req, res) => {
    route(req, deps)
      .then(({ name, result }) => {
        deps.calls.push({
          method: name,
          args: result.args,
          ok: result.ok,
          status: result.reply.status,
          at: Date.now(),
          ...(result.error ? { error: result.error } : {}),
        });
        send(res, result.reply);
      })
      .catch((err: unknown) => {
        // A bug in the fake must not look like a Slack outage the app should retry through silently.
        deps.calls.push({
          method: req.url ?? '?',
          args: {},
          ok: false,
          error: `fake_internal_error: ${String(err)}`,
          status: 500,
          at: Date.now(),
        });
        send(res, htmlReply(500, `slack fake failed: ${String(err)}`));
      });
  });
  // Socket Mode: the wss URL from apps.connections.open points back at this server.
  server.on('upgrade', (req, socket, head) => deps.socket.handleUpgrade(req, socket, head));
  return server;
}

async function route(req: IncomingMessage, deps: ServerDeps): Promise<{ name: string; result: RouteResult }> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  const raw = await readBody(req);
  const type = req.headers['content-type'] ?? '';
  const [name, handler] = pick(path, req.method ?? 'GET');
  if (!handler) return { name, result: { reply: htmlReply(404, 'Not Found'), args: { path }, ok: false, error: 'not_found' } };
  const parts = { req, url, path, raw, type };
  const fault = deps.faults.take(name);
  if (fault) return { name, result: { reply: faultReply(fault), args: await peekArgs(parts), ok: false, error: faultError(fault) } };
  return { name, result: await handler(parts, deps) };
}

/** A refused call is recorded with its arguments too: tests scan every call for leaked secrets. */
async function peekArgs(r: RequestParts): Promise<Record<string, unknown>> {
  try {
    const args = await parseArgs(r.raw, r.type || 'application/json', r.url.searchParams);
    delete args.token;
    return { path: r.path, ...args };
  } catch {
    return { path: r.path, body: r.raw.toString('utf8') };
  }
}

interface RequestParts {
  req: IncomingMessage;
  url: URL;
  path: string;
  raw: Buffer;
  type: string;
}

type Handler = (r: RequestParts, deps: ServerDeps) => Promise<RouteResult>;

/** The recorded call name of a request (Web API method, response_url, upload_url, file_download) and its handler. */
function pick(path: string, method: string): [string, Handler | undefined] {
  if (path.startsWith('/api/')) return [decodeURIComponent(path.slice('/api/'.length)), webApi];
  if (method === 'POST' && path.startsWith('/response/')) return ['response_url', responseUrl];
  if (method === 'POST' && path.startsWith('/upload/v1/')) {
    return ['upload_url', async (r, d) => receiveUpload(path.slice('/upload/v1/'.length), r.raw, r.type, d.ctx)];
  }
  if (method === 'GET' && path.startsWith('/files-pri/')) {
    return ['file_download', async (r, d) => serveFile(path, r.req.headers.authorization, d.botToken, d.ctx)];
  }
  if (method === 'GET' && path === '/signin') return ['signin', async () => ({ reply: signInPage(), args: {}, ok: true })];
  return ['unrouted', undefined];
}

async function webApi(r: RequestParts, deps: ServerDeps): Promise<RouteResult> {
  const method = decodeURIComponent(r.path.slice('/api/'.length));
  let args: Record<string, unknown>;
  try {
    args = await parseArgs(r.raw, r.type, r.url.searchParams);
  } catch {
    return fromReply(fail('invalid_form_data'), { path: r.path });
  }
  // Slack takes the token as a Bearer header or a `token` argument; it is not a method argument.
  const header = r.req.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : str(args, 'token');
  delete args.token;
  if (!token) return fromReply(fail('not_authed'), args);
  if (method === 'apps.connections.open') return fromReply(connectionsOpen(token, deps), args);
  if (token === deps.appToken) return fromReply(fail('not_allowed_token_type'), args);
  if (token !== deps.botToken) return fromReply(fail('invalid_auth'), args);
  const granted = deps.ctx.store.botScopes;
  const headers = scopeHeaders(method, args, granted);
  const handler = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  const reply = missingScope(method, args, granted) ?? (handler ? handler(args, deps.ctx) : fail('unknown_method'));
  return fromReply({ ...reply, headers: { ...reply.headers, ...headers } }, args);
}

/** Socket Mode's Web API call: only an app-level token with connections:write gets a URL. */
function connectionsOpen(token: string, deps: ServerDeps): Reply {
  if (token === deps.botToken) return fail('not_allowed_token_type');
  if (token !== deps.appToken) return fail('invalid_auth');
  return { ...ok({ url: deps.socket.issueUrl() }), headers: { 'x-oauth-scopes': 'connections:write' } };
}

async function responseUrl(r: RequestParts, deps: ServerDeps): Promise<RouteResult> {
  const where = deps.ctx.store.responseUrls.get(r.path.slice('/response/'.length));
  let payload: Record<string, unknown>;
  try {
    payload = await parseArgs(
      r.raw,
      r.type.startsWith('application/x-www-form-urlencoded') ? r.type : 'application/json',
      new URLSearchParams(),
    );
  } catch {
    return fromReply({ ...fail('invalid_payload'), status: 400 }, { path: r.path });
  }
  if (!where) return fromReply({ ...fail('expired_url'), status: 404 }, payload);
  return fromReply(postToResponseUrl(where, payload, deps.ctx), payload);
}

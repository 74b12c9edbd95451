import http from 'node:http';
import https from 'node:https';
import type { ZodType } from 'zod';
import { type Clock, systemClock } from '../clock.js';
import type { Log } from '../log.js';
import { fingerprint, Secret } from '../secret.js';
import { kindForStatus, TykError } from './errors.js';
import { failureOf, scrub, tykMessageOf } from './http-failure.js';
import { concreteUrl, formBody, reveal } from './http-request.js';
import { backoffMs, mayRetry, parseRetryAfter, type RetryMode } from './retry-policy.js';

export type { RetryMode } from './retry-policy.js';

interface TykRequestBase {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** template with `{name}` placeholders; this, never the concrete URL, goes to logs and errors */
  path: string;
  /** path parameters, URL-encoded into the template; Secret values are also scrubbed from Tyk's messages */
  params?: Record<string, string | Secret>;
  query?: Record<string, string | undefined>;
  /** JSON body */
  body?: unknown;
  /** form-encoded body (x-www-form-urlencoded) */
  form?: Record<string, string | Secret | undefined>;
  /** further values to keep out of error texts (e.g. a key sent in the body) */
  redact?: Secret[];
  retry: RetryMode;
  /**
   * One of a bulk job's many writes (an import's per-key creates): logged at debug, not info; the
   * job logs one info line per batch with its counts instead (docs/design.md, the operator log).
   */
  bulk?: boolean;
}

/**
 * A Tyk call. Its 2xx reply is read whole and checked against `schema`, or handed chunk by chunk
 * to a `stream` consumer (a fresh one per attempt) where holding the whole body would cost too
 * much (a listing of a million keys). Error replies are read whole either way: they are short.
 */
export type TykRequest<T> = TykRequestBase &
  ({ schema: ZodType<T>; stream?: undefined } | { stream: () => BodySink<T>; schema?: undefined });

/** Takes a 2xx body as it arrives; throws BadReply when it is not what was expected. */
export interface BodySink<T> {
  write(chunk: Buffer): void;
  end(): T;
}

/** What a BodySink throws: `reason` completes "Tyk Gateway …" and must not quote the body. */
export class BadReply extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'BadReply';
  }
}

export interface TykHttpOptions {
  baseURL: string;
  headers: Record<string, string | Secret>;
  timeoutMs: number;
  /** extra attempts after the first */
  retries: number;
  log: Log;
  /** how the retry loop waits; tests inject one to measure without wall time */
  sleep?: (ms: number) => Promise<void>;
  clock?: Clock;
  random?: () => number;
  /** product name for user-facing errors: 'Tyk Gateway', 'Tyk Dashboard', 'Tyk Portal' */
  service?: string;
  backoff?: { baseMs: number; capMs: number };
  /** longest Retry-After honoured; longer requests are cut to this */
  maxRetryAfterMs?: number;
  /** told about every attempt: the HTTP status, or the failure kind when no answer came ('network', 'timeout') */
  observe?(o: { service: string; code: string; seconds: number }): void;
  /** awaited after each reply, before what it resumes runs: Slack deliveries waiting for their ack go first (src/ack-first.ts) */
  turn?: () => Promise<void>;
}

/** Tyk's answer: status, body text (not kept for a streamed 2xx), headers (lower-case names), a stream's outcome. */
interface Reply {
  status: number;
  data: string;
  headers: http.IncomingHttpHeaders;
  streamed?: { value: unknown } | { bad: BadReply };
}

export interface TykHttp {
  call<T>(req: TykRequest<T>): Promise<T>;
  /** swap a credential header, e.g. after the Dashboard user key was rotated */
  setHeader(name: string, value: string | Secret): void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// long: a factory: request, retries and error mapping share the keep-alive agents and the retry policy
export function createTykHttp(opts: TykHttpOptions): TykHttp {
  const headers = new Map(Object.entries(opts.headers));
  const sleep = opts.sleep ?? realSleep;
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? Math.random;
  const service = opts.service ?? 'Tyk';
  const { baseMs, capMs } = opts.backoff ?? { baseMs: 200, capMs: 5_000 };
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 30_000;
  // Keep-alive: imports run many calls in parallel; a new TCP connection per call dominates at low latency.
  const agent = { keepAlive: true, maxSockets: 64 };
  const agents = { http: new http.Agent(agent), https: new https.Agent(agent) };
  const baseURL = opts.baseURL.replace(/\/+$/, '');

  /**
   * One HTTP exchange with node:http (an import makes one per key: a client library's per-call
   * config merging cost more CPU than the call itself). `timeoutMs` bounds the whole call, a
   * reply that trickles in included; the error then has code ETIMEDOUT.
   */
  function send<T>(req: TykRequest<T>, url: string): Promise<Reply> {
    const target = new URL(baseURL + url);
    const form = req.form ? formBody(req.form).toString() : undefined;
    const body = form ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
    const h: Record<string, string> = { accept: 'application/json, text/plain, */*' };
    for (const [k, v] of headers) h[k] = reveal(v);
    if (body !== undefined) {
      h['content-type'] = form !== undefined ? 'application/x-www-form-urlencoded;charset=utf-8' : 'application/json';
      h['content-length'] = String(Buffer.byteLength(body));
    }
    const secure = target.protocol === 'https:';
    return new Promise<Reply>((resolve, reject) => {
      const r = (secure ? https : http).request(target, { method: req.method, headers: h, agent: secure ? agents.https : agents.http });
      const timer = setTimeout(
        () => r.destroy(Object.assign(new Error('Tyk did not answer in time'), { code: 'ETIMEDOUT' })),
        opts.timeoutMs,
      );
      const fail = (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      };
      r.once('error', fail);
      r.once('response', (res) => {
        const status = res.statusCode ?? 0;
        const sink = req.stream && status >= 200 && status < 300 ? req.stream() : undefined;
        const chunks: Buffer[] = [];
        let streamed: Reply['streamed'];
        // a sink that gave up still lets the body run out (ignored), so the socket can be reused
        const take = sink
          ? (c: Buffer) => {
              if (streamed === undefined) streamed = feed(sink, c);
            }
          : (c: Buffer) => chunks.push(c);
        res.on('data', take);
        res.once('error', fail);
        res.once('end', () => {
          clearTimeout(timer);
          const data = sink ? '' : Buffer.concat(chunks).toString('utf8');
          resolve({ status, data, headers: res.headers, streamed: sink ? (streamed ?? feed(sink, undefined)) : undefined });
        });
      });
      r.end(body);
    });
  }

  /** One send: the parsed reply, or the failure with whether anything reached Tyk. */
  async function attempt<T>(
    req: TykRequest<T>,
    url: string,
    secrets: Secret[],
    n: number,
  ): Promise<{ value: T } | { error: TykError; nothingSent: boolean }> {
    const base = { method: req.method, path: req.path, service };
    const started = performance.now();
    const fields = () => ({ service, method: req.method, path: req.path, ms: Math.round(performance.now() - started), attempt: n });
    let res: Reply;
    try {
      res = await send(req, url);
    } catch (e) {
      const failure = failureOf(e);
      opts.observe?.({ service, code: failure.kind, seconds: (performance.now() - started) / 1000 });
      opts.log.debug({ ...fields(), kind: failure.kind, code: failure.code }, 'tyk call');
      return { error: new TykError({ ...base, kind: failure.kind }), nothingSent: failure.nothingSent };
    }
    opts.observe?.({ service, code: String(res.status), seconds: (performance.now() - started) / 1000 });
    if (opts.turn) await opts.turn();
    if (req.method === 'GET') opts.log.debug({ ...fields(), status: res.status }, 'tyk call');
    else if (req.bulk) opts.log.debug({ ...fields(), status: res.status, targets: targetsOf(req) }, 'tyk write');
    else opts.log.info({ ...fields(), status: res.status, targets: targetsOf(req) }, 'tyk write');
    // a reply that does not parse throws at once: re-sending would bring the same bytes back
    if (res.status >= 200 && res.status < 300) {
      if (!res.streamed) return { value: parseReply(req, res, base) };
      if ('bad' in res.streamed) throw badReply(base, res.status, res.streamed.bad.reason);
      return { value: res.streamed.value as T };
    }
    const retryAfter = res.status === 429 ? parseRetryAfter(header(res, 'retry-after'), clock.now()) : undefined;
    const error = new TykError({
      ...base,
      kind: kindForStatus(res.status),
      status: res.status,
      tykMessage: scrub(tykMessageOf(res.data), secrets),
      retryAfterMs: retryAfter === undefined ? undefined : Math.min(retryAfter, maxRetryAfterMs),
    });
    return { error, nothingSent: false };
  }

  async function call<T>(req: TykRequest<T>): Promise<T> {
    const url = concreteUrl(req);
    const secrets = [...Object.values(req.params ?? {}), ...(req.redact ?? [])].filter((v) => v instanceof Secret);
    for (let n = 0; ; n++) {
      const outcome = await attempt(req, url, secrets, n);
      if ('value' in outcome) return outcome.value;
      const { error, nothingSent } = outcome;
      if (n >= opts.retries || !mayRetry(error.kind, req.retry, nothingSent)) throw error;
      const delayMs = error.retryAfterMs ?? backoffMs(n, random, baseMs, capMs);
      opts.log.info(
        { service, method: req.method, path: req.path, kind: error.kind, status: error.status, attempt: n, delayMs },
        'tyk call retry',
      );
      await sleep(delayMs);
    }
  }

  return {
    call,
    setHeader: (name, value) => void headers.set(name, value),
  };
}

/**
 * The path parameters of a write as `name=fp:…`, fingerprints only: they may be key values, key
 * hashes or IDs (a list, not an object, so the redaction of fields named `key` does not hide them).
 */
const targetsOf = (req: TykRequest<unknown>): string[] =>
  Object.entries(req.params ?? {}).map(([name, v]) => `${name}=${v instanceof Secret ? v.fingerprint : fingerprint(v)}`);

function header(res: Reply, name: string): string | undefined {
  const v: unknown = res.headers[name];
  return typeof v === 'string' ? v : undefined;
}

type Base = { method: string; path: string; service: string };

/** A 2xx reply the bot cannot use: thrown at once, since re-sending would bring the same bytes back. */
const badReply = (base: Base, status: number, reason: string) => new TykError({ ...base, kind: 'server', status, reason });

/**
 * One chunk into a stream sink (undefined when it took it), or the end (its value). A throw becomes
 * the outcome: this runs in a socket callback, where it would end the process; a failure that is
 * not a BadReply gets the generic reason (its own text may quote the body).
 */
function feed(sink: BodySink<unknown>, chunk: Buffer | undefined): Reply['streamed'] {
  try {
    if (chunk) sink.write(chunk);
    else return { value: sink.end() };
    return undefined;
  } catch (e) {
    return { bad: e instanceof BadReply ? e : new BadReply('sent a reply the bot cannot read') };
  }
}

function parseReply<T>(req: TykRequest<T>, res: Reply, base: Base): T {
  let json: unknown;
  try {
    json = res.data === '' ? undefined : JSON.parse(res.data);
  } catch {
    throw badReply(base, res.status, 'sent a reply that is not JSON');
  }
  const parsed = (req.schema as ZodType<T>).safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'reply'}: ${i.message}`);
  throw badReply(base, res.status, `sent a reply the bot cannot read (${issues.join('; ')})`);
}

import type { Config } from '../../config.js';
import { KeybotError } from '../../errors.js';
import type { FileSource } from '../../importers/index.js';
import { Secret } from '../../secret.js';
import type { RequestRecord } from '../../store/requests.js';
import { TykError, type TykErrorInit } from '../../tyk/errors.js';
import type { StagedPreview } from './stage-and-preview.js';
import type { ImportChoice } from './types.js';

/**
 * What crosses the thread boundary of the import worker. Only structured-clone data: a Secret keeps
 * its value in a private field, which cloning drops, so Tyk credentials travel as plain strings
 * (in-process, never logged) and become Secrets again on the other side.
 */
export interface WorkerJob {
  requestId: string;
  files: FileSource[];
  choice: ImportChoice;
  maxKeys: number;
  /** the bot's clock at the draft, in Unix seconds: what counts as expired */
  now: number;
  concurrency: number;
  dbPath: string;
  secretKey: Uint8Array;
  tyk: WireTyk;
  logLevel: string;
}

/** What the batch's worker (execute-worker.ts) is handed: the approved request, and how to reach its SQLite file and Tyk. */
export interface ExecuteJob {
  request: RequestRecord;
  concurrency: number;
  dbPath: string;
  secretKey: Uint8Array;
  tyk: WireTyk;
  logLevel: string;
  /** a test's clock, relayed by the bot (its milliseconds, in one BigInt64); absent: the system clock */
  clock?: SharedArrayBuffer;
}

/** The batch's worker → the bot: log lines, progress for the thread (answered with `sent`), the end. */
export type ExecuteMessage =
  | { type: 'log'; line: string }
  | { type: 'progress'; id: number; done: number; total: number; counts: Record<string, number>; etaMs: number | null }
  /** the attempts of its Tyk clients since the last of these (TykHttpOptions['observe']) */
  | { type: 'observed'; attempts: Array<{ service: string; code: string; seconds: number }> }
  | { type: 'done'; cancelled: boolean }
  | { type: 'failed'; error: WireError };

/** The bot → the batch's worker: a progress notice was handed to Slack (or failed, and was logged there). */
export type ExecuteReply = { type: 'sent'; id: number };

type TykConfig = Config['tyk'];
export interface WireTyk {
  dashboard?: { url: string; apiKey: string; adminSecret?: string };
  gateway?: { url: string; secret: string };
  portal?: { url: string; token: string; authTokenType: string };
  orgId: string;
  timeoutMs: number;
  retries: number;
}

export type WorkerMessage = { type: 'log'; line: string } | { type: 'done'; result: StagedPreview } | { type: 'failed'; error: WireError };

export type WireError =
  | { keybot: true; code: KeybotError['code']; userMessage: string; retryable: boolean; details: Record<string, string | number | boolean> }
  | { keybot: false; tyk: TykErrorInit }
  | { keybot: false; message: string; stack?: string };

export function tykToWire(t: TykConfig, orgId: string): WireTyk {
  const { dashboard: d, gateway: g, portal: p } = t;
  return {
    ...(d
      ? { dashboard: { url: d.url, apiKey: d.apiKey.reveal(), ...(d.adminSecret ? { adminSecret: d.adminSecret.reveal() } : {}) } }
      : {}),
    ...(g ? { gateway: { url: g.url, secret: g.secret.reveal() } } : {}),
    ...(p ? { portal: { url: p.url, token: p.token.reveal(), authTokenType: p.authTokenType } } : {}),
    orgId,
    timeoutMs: t.timeoutMs,
    retries: t.retries,
  };
}

export function tykFromWire(w: WireTyk): TykConfig {
  const { dashboard: d, gateway: g, portal: p } = w;
  return {
    dashboard: d
      ? { url: d.url, apiKey: new Secret(d.apiKey), ...(d.adminSecret ? { adminSecret: new Secret(d.adminSecret) } : {}) }
      : undefined,
    gateway: g ? { url: g.url, secret: new Secret(g.secret) } : undefined,
    portal: p ? { url: p.url, token: new Secret(p.token), authTokenType: p.authTokenType } : undefined,
    orgId: w.orgId,
    timeoutMs: w.timeoutMs,
    retries: w.retries,
  };
}

export function errorToWire(e: unknown): WireError {
  if (e instanceof TykError) {
    const { kind, method, path, status, tykMessage, service, reason, retryAfterMs } = e;
    return { keybot: false, tyk: { kind, method, path, status, tykMessage, service, reason, retryAfterMs } };
  }
  if (e instanceof KeybotError)
    return { keybot: true, code: e.code, userMessage: e.userMessage, retryable: e.retryable, details: { ...e.details } };
  const err = e instanceof Error ? e : new Error(String(e));
  return { keybot: false, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
}

export function errorFromWire(w: WireError): Error {
  if (w.keybot) return new KeybotError(w.code, w.userMessage, w.retryable, w.details);
  if ('tyk' in w) return new TykError(w.tyk); // the same retry rules and sentence as a call made in the bot
  const err = new Error(`import worker: ${w.message}`);
  if (w.stack) err.stack = w.stack;
  return err;
}

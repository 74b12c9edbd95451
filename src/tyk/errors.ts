import { KeybotError } from '../errors.js';

/** What went wrong on a Tyk call, independent of which Tyk API (Gateway, Dashboard, Portal) answered. */
export type TykErrorKind =
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'bad_request'
  | 'conflict'
  | 'rate_limited'
  | 'server'
  | 'timeout'
  | 'network';

export interface TykErrorInit {
  kind: TykErrorKind;
  /** HTTP method of the call */
  method: string;
  /** path TEMPLATE (`/tyk/keys/{id}`), never the concrete URL: that one holds the key */
  path: string;
  status?: number;
  /** Tyk's own text (`message`, the Dashboard's `Message`, the Portal's `errors[]`), already scrubbed of key values */
  tykMessage?: string;
  /** which Tyk product answered, for the user-facing sentence */
  service?: string;
  /** replaces the generic sentence when the bot knows better (e.g. a reply it could not read) */
  reason?: string;
  /** from a 429's Retry-After */
  retryAfterMs?: number;
}

const SENTENCE: Record<TykErrorKind, string> = {
  not_found: 'could not find it',
  unauthorized: "rejected the bot's credentials",
  forbidden: 'refused: the bot is not allowed to do this',
  bad_request: 'rejected the request as invalid',
  conflict: 'reported a conflict with the current state',
  rate_limited: 'is limiting how fast the bot may call it; try again in a moment',
  server: 'failed with an internal error',
  timeout: 'did not answer in time',
  network: 'could not be reached',
};

const TRANSIENT: ReadonlySet<TykErrorKind> = new Set(['rate_limited', 'server', 'timeout', 'network']);

/**
 * A failed Tyk call. Thrown by src/tyk only; an AxiosError never leaves src/tyk (not even as
 * `cause`) because its URL holds the key and its config holds the admin header.
 * `retryable` says whether doing the same thing later may work (transient kinds); whether a
 * particular call may be re-sent is decided by the HTTP layer (see http.ts).
 */
export class TykError extends Error {
  readonly kind: TykErrorKind;
  readonly status?: number;
  readonly method: string;
  readonly path: string;
  readonly tykMessage?: string;
  readonly service: string;
  readonly reason?: string;
  readonly retryAfterMs?: number;
  readonly retryable: boolean;

  constructor(init: TykErrorInit) {
    const status = init.status === undefined ? '' : ` ${init.status}`;
    super(`${init.method} ${init.path}${status} ${init.kind}${init.tykMessage ? `: ${init.tykMessage}` : ''}`);
    this.name = 'TykError';
    this.kind = init.kind;
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.tykMessage = init.tykMessage;
    this.service = init.service ?? 'Tyk';
    this.reason = init.reason;
    this.retryAfterMs = init.retryAfterMs;
    this.retryable = TRANSIENT.has(init.kind);
  }

  /** A sentence a Slack user understands, with Tyk's own message; never a key value. */
  toKeybotError(): KeybotError {
    const where = `${this.method} ${this.path}${this.status === undefined ? '' : `, HTTP ${this.status}`}`;
    const said = this.tykMessage ? `: "${this.tykMessage}"` : '';
    const text = `${this.service} ${this.reason ?? SENTENCE[this.kind]} (${where})${said}.`;
    const details: Record<string, string | number | boolean> = { kind: this.kind, method: this.method, path: this.path };
    if (this.status !== undefined) details.status = this.status;
    return new KeybotError('TYK', text, this.retryable, details);
  }
}

export const isTykError = (e: unknown): e is TykError => e instanceof TykError;

/** HTTP status → kind. 408 counts as a timeout; any other 4xx not named is a bad request. */
export function kindForStatus(status: number): TykErrorKind {
  if (status >= 500) return 'server';
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 408:
      return 'timeout';
    case 409:
      return 'conflict';
    case 429:
      return 'rate_limited';
    default:
      return 'bad_request';
  }
}

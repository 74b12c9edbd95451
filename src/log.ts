import pino, { type DestinationStream, type Logger } from 'pino';

export type Log = Logger;

/**
 * Field names that may carry a key, token or secret anywhere in a log object. Redaction is the
 * backstop: code logs fingerprints, never values, in the first place.
 */
const SECRET_FIELDS = [
  'key',
  'keys',
  'key_id',
  'keyId',
  'key_hash',
  'keyHash',
  'token',
  'tokens',
  'secret',
  'client_secret',
  'clientSecret',
  'password',
  'value',
  'raw',
  'rawKey',
  'access_key',
  'accessKey',
  'credential',
  'Credential',
  'CredentialHash',
  'KeyID',
  'authorization',
  'Authorization',
  'x-tyk-authorization',
  'admin-auth',
  'botToken',
  'signingSecret',
  'appToken',
];
const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  ...SECRET_FIELDS.map((f) => `*.*.${f}`),
  'req.headers.authorization',
  'headers.authorization',
  'config.headers',
  'err.config',
  'err.request',
  'err.response',
];

/** How long a log line may wait in the stdout buffer before it is written. */
export const LOG_FLUSH_MS = 100;

/**
 * stdout, written in chunks: each write is a system call that wakes a thread of libuv's pool, and
 * under the ack load one per line (several per request, some inside a SQLite transaction) was
 * among the bot's larger main-thread costs. Lines wait until 4 KiB have gathered or
 * LOG_FLUSH_MS passed; pino writes what is left synchronously when the process exits (a crash
 * included), so only a process killed outright (SIGKILL, out of memory) can lose the last
 * LOG_FLUSH_MS of lines.
 */
function bufferedStdout(): DestinationStream {
  const out = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  let waiting = false;
  setInterval(() => {
    if (!waiting) return;
    waiting = false;
    try {
      out.flush();
    } catch {
      // a destroyed stream (stdout closed): nothing more can be written anyway
    }
  }, LOG_FLUSH_MS).unref();
  return {
    write(line: string) {
      waiting = true;
      return out.write(line);
    },
  };
}

/** One pino root per process: JSON in production, pretty when NODE_ENV=development. */
export function createLog(opts: { level?: string; development?: boolean; destination?: DestinationStream } = {}): Log {
  const options = { level: opts.level ?? 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'tyk-keybot' } };
  if (opts.destination) return pino(options, opts.destination);
  if (opts.development) return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  return pino(options, bufferedStdout());
}

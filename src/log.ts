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

/** One pino root per process: JSON in production, pretty when NODE_ENV=development. */
export function createLog(opts: { level?: string; development?: boolean; destination?: DestinationStream } = {}): Log {
  const options = { level: opts.level ?? 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'tyk-keybot' } };
  if (opts.destination) return pino(options, opts.destination);
  if (opts.development) return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  return pino(options);
}

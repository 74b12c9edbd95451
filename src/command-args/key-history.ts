import { KeybotError } from '../errors.js';
import { Secret } from '../secret.js';
import { isHelp, splitArgs } from './args.js';

export const usage = [
  'Usage: `/key-history [KEY | @user | REQUEST_ID]`',
  '• no argument: your own recent requests',
  '• `KEY`: a key value, a Tyk key ID, or `hash:<key_hash>`; the reply names it only by fingerprint',
  '• `@user`: requests by that person',
  '• `REQUEST_ID` (`req_…`): that request and its history',
  '• `CLIENT_ID`, `user:<id or email>`, `credential:<id>`: requests about that OAuth client, Dashboard user or Portal credential',
].join('\n');

export type KeyHistoryQuery =
  | { kind: 'help' }
  | { kind: 'mine' }
  | { kind: 'user'; user: string }
  | { kind: 'request'; id: string }
  | { kind: 'ref'; ref: string; label: string }
  | { kind: 'key'; value: Secret };

export function parseKeyHistory(text: string): KeyHistoryQuery {
  if (isHelp(text)) return { kind: 'help' };
  const { positional, flags } = splitArgs(text, usage);
  if (flags.size > 0 || positional.length > 1) throw new KeybotError('BAD_INPUT', `Give one key, @user or request ID.\n${usage}`);
  const arg = positional[0];
  if (arg === undefined) return { kind: 'mine' };
  const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(arg);
  if (mention) return { kind: 'user', user: mention[1] as string };
  if (/^req_[A-Za-z0-9_-]+$/.test(arg)) return { kind: 'request', id: arg };
  const prefixed = /^(user|credential|client):(.+)$/.exec(arg);
  if (prefixed) return { kind: 'ref', ref: `${prefixed[1]}:${prefixed[2]}`, label: arg };
  if (arg.startsWith('hash:')) return { kind: 'key', value: new Secret(arg.slice(5)) };
  return { kind: 'key', value: new Secret(arg) };
}

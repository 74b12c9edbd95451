import { cell } from '../import-keys/results-csv.js';
import type { HygieneEntry } from './report.js';

const HEADER = [
  'alias',
  'fingerprint',
  'standing',
  'due_at',
  'age_days',
  'no_expiry',
  'no_owner',
  'idle',
  'owner',
  'policies',
  'apis',
  'tags',
  'expires',
  'created',
  'last_rotated',
  'last_seen',
  'rule',
];

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());
const yes = (b: boolean) => (b ? 'yes' : '');

/** `key-hygiene-<date>.csv` and `tyk-keybot inventory --csv`: one row per live key, fingerprints only. */
export function* hygieneCsv(entries: Iterable<HygieneEntry>, now: number): Generator<string> {
  yield `${HEADER.join(',')}\r\n`;
  for (const e of entries) {
    const k = e.key;
    const row = [
      k.alias,
      k.fingerprint,
      e.standing,
      iso(e.dueAt),
      e.since === null ? '' : Math.floor((now - e.since) / 86_400_000),
      yes(e.noExpiry),
      yes(e.noOwner),
      yes(e.idle),
      k.ownerSlackId ?? k.ownerEmail ?? '',
      k.policies.join(';'),
      k.apis.join(';'),
      k.tags.join(';'),
      k.expires > 0 ? iso(k.expires * 1000) : 'never',
      iso(k.sourceCreatedAt ?? k.tykCreatedAt),
      iso(k.rotatedAt),
      iso(k.lastSeenAt),
      e.policy.rule ?? '',
    ];
    yield `${row.map(cell).join(',')}\r\n`;
  }
}

export const hygieneCsvName = (now: number): string => `key-hygiene-${new Date(now).toISOString().slice(0, 10)}.csv`;

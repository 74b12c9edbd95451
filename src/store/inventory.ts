import { createHash } from 'node:crypto';
import { Secret } from '../secret.js';
import { seal, unseal } from './cipher.js';
import type { Db } from './open-database.js';

/** The inventory's ID of a key: SHA-256 of its key_hash, one-way, the same whichever way the key was found. */
export const inventoryIdent = (keyHash: string): string => createHash('sha256').update(keyHash, 'utf8').digest('hex');

/** What the bot knows about one key; no key value, key ID or key_hash in clear. */
export interface InventoryKey {
  ident: string;
  fingerprint: string;
  alias: string;
  ownerSlackId: string | null;
  ownerEmail: string | null;
  policies: string[];
  apis: string[];
  tags: string[];
  /** unix seconds, 0 = never */
  expires: number;
  inactive: boolean;
  tykCreatedAt: number | null;
  sourceCreatedAt: number | null;
  rotatedAt: number | null;
  lastSeenAt: number | null;
  usageCheckedAt: number | null;
  autoRequestId: string | null;
}

export type ScannedKey = Omit<InventoryKey, 'sourceCreatedAt' | 'rotatedAt' | 'autoRequestId' | 'usageCheckedAt' | 'lastSeenAt'> & {
  /** the management reference (JSON of a stored ref), sealed before it is written */
  ref: Secret;
  quotaRemaining: number | null;
};

export interface KeyOrigin {
  ident: string;
  fingerprint: string;
  sourceCreatedAt?: number | null;
  rotatedAt?: number | null;
  requestId: string;
  ref: Secret;
}

interface Row {
  ident: string;
  fingerprint: string;
  alias: string;
  owner_slack_id: string | null;
  owner_email: string | null;
  policies: string;
  apis: string;
  tags: string;
  expires: number;
  inactive: number;
  tyk_created_at: number | null;
  source_created_at: number | null;
  rotated_at: number | null;
  last_seen_at: number | null;
  usage_checked_at: number | null;
  auto_request_id: string | null;
  quota_remaining: number | null;
}

const toKey = (r: Row): InventoryKey => ({
  ident: r.ident,
  fingerprint: r.fingerprint,
  alias: r.alias,
  ownerSlackId: r.owner_slack_id,
  ownerEmail: r.owner_email,
  policies: JSON.parse(r.policies),
  apis: JSON.parse(r.apis),
  tags: JSON.parse(r.tags),
  expires: r.expires,
  inactive: r.inactive === 1,
  tykCreatedAt: r.tyk_created_at,
  sourceCreatedAt: r.source_created_at,
  rotatedAt: r.rotated_at,
  lastSeenAt: r.last_seen_at,
  usageCheckedAt: r.usage_checked_at,
  autoRequestId: r.auto_request_id,
});

// An imported key is named by the fingerprint of the value its consumers send, which only the import knew.
const SELECT = `SELECT k.*, COALESCE(o.fingerprint, k.fingerprint) AS fingerprint, o.source_created_at, o.rotated_at FROM key_inventory k LEFT JOIN key_origins o ON o.ident = k.ident`;

/** The key inventory of the last scans (`key_inventory`) and the keys the bot made itself (`key_origins`). */
export interface InventoryStore {
  /** one key as this scan saw it; what the bot learned itself (owner of auto request, usage) is kept */
  put(k: ScannedKey, scanId: string, now: number): void;
  /** after a complete scan: keys Tyk no longer has leave the inventory */
  prune(scanId: string): number;
  /** when the key was last seen in use (null: never), as checked at `at` */
  setUsage(ident: string, lastSeenAt: number | null, at: number): void;
  /** the key's usage as last checked, or undefined for a key not in the inventory */
  usageOf(ident: string): { last_seen_at: number | null; usage_checked_at: number | null } | undefined;
  /** claims the key's one automatic request; false when it already has one */
  claimAutoRequest(ident: string, requestId: string): boolean;
  /** every key of the inventory, one at a time */
  all(): IterableIterator<InventoryKey>;
  /** how many keys the inventory holds */
  count(): number;
  /** one key with its sealed reference opened, or null */
  get(ident: string): (InventoryKey & { ref: Secret | null }) | null;
  /** a key the bot imported or rotated: where it came from */
  recordOrigin(o: KeyOrigin): void;
  /** the keys the bot imported or rotated, for deployments where Tyk cannot list keys */
  origins(): Generator<{ ident: string; fingerprint: string; ref: Secret }>;
}

// long: a factory: its methods share prepared statements
export function inventoryStore(db: Db, key: Buffer): InventoryStore {
  const upsert = db.prepare(`INSERT INTO key_inventory (ident, fingerprint, alias, owner_slack_id, owner_email, policies, apis, tags,
      expires, inactive, tyk_created_at, quota_remaining, ref_iv, ref_sealed, scan_id, first_seen_at, updated_at)
    VALUES (@ident, @fingerprint, @alias, @ownerSlackId, @ownerEmail, @policies, @apis, @tags, @expires, @inactive, @tykCreatedAt,
      @quotaRemaining, @iv, @sealed, @scanId, @now, @now)
    ON CONFLICT (ident) DO UPDATE SET fingerprint = excluded.fingerprint, alias = excluded.alias, owner_slack_id = excluded.owner_slack_id,
      owner_email = excluded.owner_email, policies = excluded.policies, apis = excluded.apis, tags = excluded.tags,
      expires = excluded.expires, inactive = excluded.inactive, tyk_created_at = excluded.tyk_created_at,
      -- a quota counter that moved since the last scan means the key was used in between
      last_seen_at = CASE WHEN quota_remaining IS NOT NULL AND excluded.quota_remaining IS NOT NULL
        AND excluded.quota_remaining <> quota_remaining THEN excluded.updated_at ELSE last_seen_at END,
      quota_remaining = excluded.quota_remaining, ref_iv = excluded.ref_iv, ref_sealed = excluded.ref_sealed,
      scan_id = excluded.scan_id, updated_at = excluded.updated_at`);
  const prune = db.prepare('DELETE FROM key_inventory WHERE scan_id <> ?');
  const usage = db.prepare(
    'UPDATE key_inventory SET last_seen_at = MAX(COALESCE(last_seen_at, 0), COALESCE(@lastSeenAt, 0)), usage_checked_at = @at WHERE ident = @ident',
  );
  const usageOf = db.prepare<[string], { last_seen_at: number | null; usage_checked_at: number | null }>(
    'SELECT last_seen_at, usage_checked_at FROM key_inventory WHERE ident = ?',
  );
  const autoRequest = db.prepare('UPDATE key_inventory SET auto_request_id = ? WHERE ident = ? AND auto_request_id IS NULL');
  const all = db.prepare<[], Row>(`${SELECT} ORDER BY k.ident`);
  const one = db.prepare<[string], Row & { ref_iv: Buffer | null; ref_sealed: Buffer | null }>(`${SELECT} WHERE k.ident = ?`);
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM key_inventory');
  const origin = db.prepare(`INSERT INTO key_origins (ident, fingerprint, source_created_at, rotated_at, request_id, ref_iv, ref_sealed)
    VALUES (@ident, @fingerprint, @sourceCreatedAt, @rotatedAt, @requestId, @iv, @sealed)
    ON CONFLICT (ident) DO UPDATE SET source_created_at = COALESCE(excluded.source_created_at, source_created_at),
      rotated_at = COALESCE(excluded.rotated_at, rotated_at), request_id = excluded.request_id,
      ref_iv = excluded.ref_iv, ref_sealed = excluded.ref_sealed`);
  const origins = db.prepare<[], { ident: string; fingerprint: string; ref_iv: Buffer; ref_sealed: Buffer }>(
    'SELECT ident, fingerprint, ref_iv, ref_sealed FROM key_origins WHERE ref_sealed IS NOT NULL ORDER BY ident',
  );
  const open = (aad: string, iv: Buffer | null, sealed: Buffer | null): Secret | null =>
    iv && sealed ? new Secret(unseal(key, { iv, ciphertext: sealed }, aad)) : null;

  return {
    /** One key as this scan saw it; what the bot learned itself (owner of auto request, usage) is kept. */
    put(k: ScannedKey, scanId: string, now: number): void {
      const s = seal(key, k.ref.reveal(), `inventory:${k.ident}`);
      upsert.run({
        ...k,
        policies: JSON.stringify(k.policies),
        apis: JSON.stringify(k.apis),
        tags: JSON.stringify(k.tags),
        inactive: k.inactive ? 1 : 0,
        iv: s.iv,
        sealed: s.ciphertext,
        scanId,
        now,
      });
    },
    /** After a complete scan: keys Tyk no longer has leave the inventory. */
    prune: (scanId: string): number => prune.run(scanId).changes,
    setUsage: (ident: string, lastSeenAt: number | null, at: number): void => void usage.run({ ident, lastSeenAt, at }),
    usageOf: (ident: string) => usageOf.get(ident),
    /** Claims the key's one automatic request; false when it already has one. */
    claimAutoRequest: (ident: string, requestId: string): boolean => autoRequest.run(requestId, ident).changes > 0,
    all: (): IterableIterator<InventoryKey> => mapIter(all.iterate(), toKey),
    count: (): number => count.get()?.n ?? 0,
    get(ident: string): (InventoryKey & { ref: Secret | null }) | null {
      const r = one.get(ident);
      return r ? { ...toKey(r), ref: open(`inventory:${ident}`, r.ref_iv, r.ref_sealed) } : null;
    },
    recordOrigin(o: KeyOrigin): void {
      const s = seal(key, o.ref.reveal(), `origin:${o.ident}`);
      origin.run({
        ident: o.ident,
        fingerprint: o.fingerprint,
        sourceCreatedAt: o.sourceCreatedAt ?? null,
        rotatedAt: o.rotatedAt ?? null,
        requestId: o.requestId,
        iv: s.iv,
        sealed: s.ciphertext,
      });
    },
    /** The keys the bot imported or rotated, for deployments where Tyk cannot list keys. */
    *origins(): Generator<{ ident: string; fingerprint: string; ref: Secret }> {
      for (const r of origins.iterate())
        yield { ident: r.ident, fingerprint: r.fingerprint, ref: open(`origin:${r.ident}`, r.ref_iv, r.ref_sealed) as Secret };
    },
  };
}

function* mapIter<A, B>(it: Iterable<A>, f: (a: A) => B): IterableIterator<B> {
  for (const a of it) yield f(a);
}

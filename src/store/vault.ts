import { newId } from '../ids.js';
import { Secret } from '../secret.js';
import { seal, unseal } from './cipher.js';
import type { Db } from './open-database.js';

export type VaultPurpose =
  | 'reveal' // waiting for its recipient's Reveal click; erased when shown or at REVEAL_TTL
  | 'tyk-ref' // a Tyk key ID or key_hash the bot needs for later management calls
  | 'intent'; // a value chosen before a Tyk call (e.g. a new key ID), so a crash can resume with it

export interface VaultPut {
  requestId: string | null;
  purpose: VaultPurpose;
  value: string;
  label?: string;
  recipient?: string;
  expiresAt?: number;
  now: number;
}
export type RevealClaim =
  | { status: 'ok'; secret: Secret; requestId: string | null; label: string | null }
  | { status: 'gone' }
  | { status: 'not-recipient' }
  | { status: 'busy' };

interface Row {
  id: string;
  request_id: string | null;
  purpose: VaultPurpose;
  label: string | null;
  recipient: string | null;
  aad_version: number;
  iv: Buffer | null;
  ciphertext: Buffer | null;
  claimed_at: number | null;
}

/**
 * What a sealed value is bound to. Version 2 (every row written now): its row, request, purpose and
 * recipient, so a ciphertext moved to another request or recipient in SQL fails to open. Version 1:
 * the row ID only (rows written before migration 7).
 */
function aadOf(r: Pick<Row, 'id' | 'request_id' | 'purpose' | 'recipient' | 'aad_version'>): string {
  return r.aad_version === 1 ? r.id : JSON.stringify(['vault', 2, r.id, r.request_id, r.purpose, r.recipient]);
}

/** The `vault` table: secrets sealed with KEYBOT_SECRET_KEY, each for one purpose and until a time. */
export interface VaultStore {
  /** seals a value; returns its row ID */
  put(p: VaultPut): string;
  /** the value, or null once erased */
  get(id: string): Secret | null;
  /** the live values of one purpose for a request, oldest first */
  list(requestId: string, purpose: VaultPurpose): Array<{ id: string; secret: Secret }>;
  /** Reveal step 1: only the recipient, only once at a time; the caller then erases the value, or releases the claim when showing failed */
  claimReveal(id: string, user: string, now: number): RevealClaim;
  /** showing failed: the value may be claimed again */
  releaseClaim(id: string): void;
  /** erases one value for good; false when it was gone already */
  erase(id: string, now: number): boolean;
  /** erases a request's values of one purpose; returns how many */
  eraseForRequest(requestId: string, purpose: VaultPurpose, now: number): number;
  /** every value a request still holds, whatever its purpose (the request needs none of them any more) */
  eraseAllForRequest(requestId: string, now: number): number;
  /** erases every value past its time; returns what was erased so the caller can record it */
  eraseExpired(now: number): Array<{ id: string; requestId: string | null; purpose: VaultPurpose }>;
  /** who may reveal this value, or null */
  recipientOf(id: string): string | null;
  /** The oldest live value of this purpose for `recipient` on the request, by ID only: nothing is decrypted. */
  liveFor(requestId: string, purpose: VaultPurpose, recipient: string): string | null;
}

// long: a factory: its methods share prepared statements and the key
export function vaultStore(db: Db, key: Buffer): VaultStore {
  const insert = db.prepare(
    'INSERT INTO vault (id, request_id, purpose, label, recipient, iv, ciphertext, created_at, expires_at, aad_version) VALUES (@id, @requestId, @purpose, @label, @recipient, @iv, @ciphertext, @now, @expiresAt, 2)',
  );
  const byId = db.prepare<[string], Row>(
    'SELECT id, request_id, purpose, label, recipient, aad_version, iv, ciphertext, claimed_at FROM vault WHERE id = ?',
  );
  const byPurpose = db.prepare<[string, string], { id: string }>(
    'SELECT id FROM vault WHERE request_id = ? AND purpose = ? AND ciphertext IS NOT NULL ORDER BY created_at, id',
  );
  const forRecipient = db.prepare<[string, string, string], { id: string }>(
    'SELECT id FROM vault WHERE request_id = ? AND purpose = ? AND recipient = ? AND ciphertext IS NOT NULL ORDER BY created_at, id LIMIT 1',
  );
  // A claim older than a minute belongs to a process that died while showing the value.
  const claim = db.prepare(
    'UPDATE vault SET claimed_at = @now WHERE id = @id AND ciphertext IS NOT NULL AND (claimed_at IS NULL OR claimed_at < @now - 60000)',
  );
  const release = db.prepare('UPDATE vault SET claimed_at = NULL WHERE id = ?');
  const erase = db.prepare('UPDATE vault SET iv = NULL, ciphertext = NULL, erased_at = @now WHERE id = @id AND ciphertext IS NOT NULL');
  const eraseRequest = db.prepare(
    'UPDATE vault SET iv = NULL, ciphertext = NULL, erased_at = @now WHERE request_id = @requestId AND purpose = @purpose AND ciphertext IS NOT NULL',
  );
  const eraseAll = db.prepare(
    'UPDATE vault SET iv = NULL, ciphertext = NULL, erased_at = @now WHERE request_id = @requestId AND ciphertext IS NOT NULL',
  );
  const eraseExpired = db.prepare<{ now: number }, { id: string; request_id: string | null; purpose: VaultPurpose }>(
    'UPDATE vault SET iv = NULL, ciphertext = NULL, erased_at = @now WHERE expires_at <= @now AND ciphertext IS NOT NULL RETURNING id, request_id, purpose',
  );

  const open = (r: Row): Secret | null =>
    r.iv && r.ciphertext ? new Secret(unseal(key, { iv: r.iv, ciphertext: r.ciphertext }, aadOf(r))) : null;

  return {
    put(p: VaultPut): string {
      const id = newId('vlt');
      const s = seal(
        key,
        p.value,
        aadOf({ id, request_id: p.requestId, purpose: p.purpose, recipient: p.recipient ?? null, aad_version: 2 }),
      );
      insert.run({
        id,
        requestId: p.requestId,
        purpose: p.purpose,
        label: p.label ?? null,
        recipient: p.recipient ?? null,
        iv: s.iv,
        ciphertext: s.ciphertext,
        now: p.now,
        expiresAt: p.expiresAt ?? null,
      });
      return id;
    },
    get(id: string): Secret | null {
      const r = byId.get(id);
      return r ? open(r) : null;
    },
    /** The live values of one purpose for a request, oldest first. */
    list(requestId: string, purpose: VaultPurpose): Array<{ id: string; secret: Secret }> {
      return byPurpose.all(requestId, purpose).flatMap(({ id }) => {
        const secret = this.get(id);
        return secret ? [{ id, secret }] : [];
      });
    },
    /**
     * Reveal step 1: only the recipient, only once at a time. The caller shows the value and then
     * erases it, or releases the claim when showing failed, so a Slack error never loses the value.
     */
    claimReveal(id: string, user: string, now: number): RevealClaim {
      const r = byId.get(id);
      if (!r?.ciphertext) return { status: 'gone' };
      if (r.recipient !== user) return { status: 'not-recipient' };
      if (claim.run({ now, id }).changes === 0) return { status: 'busy' };
      const secret = open(r);
      return secret ? { status: 'ok', secret, requestId: r.request_id, label: r.label } : { status: 'gone' };
    },
    releaseClaim: (id: string): void => void release.run(id),
    erase: (id: string, now: number): boolean => erase.run({ id, now }).changes > 0,
    eraseForRequest: (requestId: string, purpose: VaultPurpose, now: number): number =>
      eraseRequest.run({ requestId, purpose, now }).changes,
    /** Every value a request still holds, whatever its purpose (the request needs none of them any more). */
    eraseAllForRequest: (requestId: string, now: number): number => eraseAll.run({ requestId, now }).changes,
    /** Erases every value past its time; returns what was erased so the caller can record it. */
    eraseExpired: (now: number) => eraseExpired.all({ now }).map((r) => ({ id: r.id, requestId: r.request_id, purpose: r.purpose })),
    recipientOf: (id: string): string | null => byId.get(id)?.recipient ?? null,
    liveFor: (requestId, purpose, recipient) => forRecipient.get(requestId, purpose, recipient)?.id ?? null,
  };
}

import type { Secret } from '../../secret.js';
import type { WorkflowDeps } from '../deps.js';
import type { Say } from '../say.js';

export interface RevealTo {
  user: string;
  /** shown under the value's name in the DM; may name people */
  note?: Say;
}

export interface Handover {
  /** vault label; the Reveal modal shows it as "Your new <label>" */
  label: string;
  /** the DM's name for the value, with its fingerprint */
  what: string;
  to: RevealTo[];
}

/**
 * Hands a new value over, in the caller's transaction: each recipient gets an encrypted copy of
 * their own (a `reveal` vault row, erased once shown or at REVEAL_TTL) and a Reveal DM job. A CLI
 * requester (`cli:…`) gets the row and no DM: the CLI reads it. A recipient whose DM is already
 * queued is skipped, so a re-run hands over nothing twice.
 */
export function putReveals(d: Pick<WorkflowDeps, 'store' | 'config'>, requestId: string, value: Secret, h: Handover, now: number): void {
  const { store, config } = d;
  const seen = new Set<string>();
  for (const { user, note } of h.to) {
    if (seen.has(user) || store.jobs.get(requestId, `notify:reveal:${user}`)) continue;
    seen.add(user);
    const expiresAt = now + config.revealTtlMs;
    const revealId = store.vault.put({
      requestId,
      purpose: 'reveal',
      label: h.label,
      recipient: user,
      value: value.reveal(),
      expiresAt,
      now,
    });
    if (user.startsWith('cli:')) continue;
    const payload = { type: 'reveal-ready', recipient: user, revealId, what: h.what, expiresAt, ...(note ? { note } : {}) };
    store.jobs.enqueue({ requestId, step: 'notify', key: `notify:reveal:${user}`, dueAt: now, payload }, now);
  }
}

import type { Secret } from '../secret.js';
import type { WorkflowDeps } from './deps.js';
import { type Refusal, refuse } from './refusal.js';

export interface RevealGrant {
  secret: Secret;
  label: string;
  requestId: string | null;
  /** Call after the value was shown: erases it for good. */
  shown(): void;
  /** Call when showing failed: the value stays for another click. */
  failed(): void;
}

const NEXT_STEPS =
  'Store it in your secret manager now, update the clients that use it, and check they work. Nobody, including this bot, can show it again.';
export const revealNextSteps = (): string => NEXT_STEPS;

/** Reveal: only the intended recipient, only once; after showing (or REVEAL_TTL) the value is erased. */
export interface RevealService {
  /** the recipient's click: the value to show once, or why not (not theirs, already shown, expired) */
  claim(revealId: string, user: string): RevealGrant | Refusal;
  /** the Reveal of this request waiting for this recipient (the CLI's own hand-over), or null */
  waitingFor(requestId: string, user: string): string | null;
  /** scheduler maintenance: erase values nobody revealed in time, and record it */
  eraseExpired(): void;
}

export function revealService(d: Pick<WorkflowDeps, 'store' | 'clock'>): RevealService {
  const { store, clock } = d;
  return {
    claim(revealId: string, user: string): RevealGrant | Refusal {
      const c = store.vault.claimReveal(revealId, user, clock.now());
      switch (c.status) {
        case 'not-recipient':
          return refuse('not-allowed', [
            'This Reveal button is for ',
            { user: store.vault.recipientOf(revealId) ?? '' },
            ' only. Nothing was shown.',
          ]);
        case 'busy':
          return refuse('not-allowed', 'This value is being shown in another window right now.');
        case 'gone':
          return refuse(
            'not-found',
            'This value is gone: it was already shown once, or its time ran out, and it was erased. If you still need it, ask for a new rotation (for a key: /rotate-key).',
          );
        case 'ok':
          return {
            secret: c.secret,
            label: c.label ?? 'secret',
            requestId: c.requestId,
            shown: () => {
              const now = clock.now();
              store.tx(() => {
                store.vault.erase(revealId, now);
                store.history.append({
                  requestId: c.requestId,
                  event: 'revealed',
                  actor: user,
                  at: now,
                  data: { what: c.label ?? 'secret', fingerprint: c.secret.fingerprint },
                });
              });
            },
            failed: () => store.vault.releaseClaim(revealId),
          };
      }
    },
    waitingFor: (requestId: string, user: string): string | null => store.vault.liveFor(requestId, 'reveal', user),
    /** Scheduler maintenance: erase values nobody revealed in time, and record it. */
    eraseExpired(): void {
      const now = clock.now();
      store.tx(() => {
        for (const e of store.vault.eraseExpired(now)) {
          if (e.purpose === 'reveal')
            store.history.append({ requestId: e.requestId, event: 'reveal-expired', actor: 'keybot', at: now, data: { reveal: e.id } });
        }
      });
    },
  };
}

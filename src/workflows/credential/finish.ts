import type { Secret } from '../../secret.js';
import type { StepContext } from '../definition.js';
import type { Say } from '../say.js';
import { type Handover, putReveals } from './reveal-rows.js';
import type { CredentialState } from './types.js';

export interface Rotated {
  value: Secret;
  /** an earlier attempt had rotated already (crash or lost reply): recorded as confirmed, not made */
  resumed: boolean;
  /** history event, e.g. `secret-rotated` */
  event: string;
  /** display data for the history row: IDs and fingerprints only */
  data: Record<string, string | number | boolean>;
  handover: Handover;
  /** the step that follows, or the success message when this was the last */
  next: { step: string } | { done: Say };
}

/**
 * Records a rotation in one transaction: the Reveal rows, the new fingerprint (state, and a ref so
 * /key-history finds the request by the new value too), the history row, and the next step or
 * the success. The new value goes only into the encrypted Reveal rows.
 */
export function recordRotation(ctx: StepContext, r: Rotated): void {
  const { store, clock } = ctx.deps;
  const id = ctx.request.id;
  const now = clock.now();
  const fp = r.value.fingerprint;
  store.tx(() => {
    putReveals(ctx.deps, id, r.value, r.handover, now);
    store.requests.patchState(id, { rotatedAt: now, newFingerprint: fp } satisfies CredentialState, now);
    store.requests.addRef(id, fp);
    const recipients = [...new Set(r.handover.to.map((t) => t.user))].join(',');
    store.history.append({
      requestId: id,
      event: r.event,
      actor: 'keybot',
      at: now,
      data: {
        ...r.data,
        fingerprint: fp,
        recipients,
        ...(r.resumed ? { note: 'rotated by an earlier attempt; confirmed by reading it back' } : {}),
      },
    });
    if ('step' in r.next) store.jobs.enqueue({ requestId: id, step: r.next.step, dueAt: now }, now);
    else succeed(ctx, r.next.done, now);
  });
  ctx.deps.kick();
}

/** running → succeeded with its history row and the thread message, in the caller's transaction. */
export function succeed(ctx: StepContext, text: Say, now: number): void {
  const { store } = ctx.deps;
  if (!store.requests.transition(ctx.request.id, ['running'], 'succeeded', now)) return;
  store.history.append({ requestId: ctx.request.id, event: 'succeeded', actor: 'keybot', at: now });
  ctx.engine.notify(ctx.request.id, 'succeeded', { type: 'succeeded', text });
}

import { KeybotError } from '../../errors.js';
import { AUTO_REQUESTER, ownerFromMeta } from '../credential/recipients.js';
import { putReveals } from '../credential/reveal-rows.js';
import type { Say } from '../say.js';
import { scheduleRetirement } from './schedule.js';
import { getRef } from './stored-ref.js';
import type { RotationContext, RotationState } from './types.js';
import { sampleUsage } from './usage.js';

/**
 * Step `handover`: a Reveal DM for each recipient the approval message named (recipients.ts; each
 * their own encrypted copy, erased once shown or at REVEAL_TTL), then the grace period starts. A CLI requester gets a
 * vault entry and no DM: the CLI reads it. Re-running finds the DMs already queued.
 */
export async function handover(ctx: RotationContext): Promise<void> {
  const { store, clock, tyk } = ctx.deps;
  const r = ctx.request;
  const params = ctx.params;
  const state = ctx.state;
  if (state.graceStartedAt) return;
  const fresh = getRef(store.vault, state.newRef as string);
  if (!fresh || !('token' in fresh.ref)) throw new KeybotError('INTERNAL', 'the new key reference is missing from the vault');
  const token = fresh.ref.token;
  const old = getRef(store.vault, params.oldRef);
  const oldSession = old ? await tyk.keys.get(old.ref) : null;
  // Requests drafted before recipients were decided at draft time: the requester and the owner, as then.
  const legacyOwner = !params.recipients && oldSession ? (await ownerFromMeta(ctx.deps.directory, oldSession.meta_data)).user : null;
  const recipients = params.recipients ?? [...new Set([r.requester, ...(legacyOwner ? [legacyOwner] : [])])];
  const sample = oldSession ? sampleUsage(oldSession, clock.now()) : undefined;
  const now = clock.now();
  store.tx(() => {
    // An emergency retires the old key at once: there is no "before then" to switch in.
    const note = (user: string): Say =>
      params.emergency
        ? 'The old key is being retired now (emergency rotation): switch your clients to this key at once.'
        : r.requester === AUTO_REQUESTER
          ? 'keybot rotated this key: it reached its maximum age. Switch its clients (or tell whoever runs them) before the old one is retired.'
          : user === r.requester
            ? 'Both keys work until the old one is retired; switch your clients before then.'
            : [{ user: r.requester }, ' rotated a key you own; switch your clients before the old one is retired.'];
    putReveals(
      ctx.deps,
      r.id,
      token,
      {
        label: `API key ${params.alias || params.fingerprint}`,
        what: `API key ${params.alias || '(no alias)'} ${token.fingerprint}`,
        to: recipients.map((user) => ({ user, note: note(user) })),
      },
      now,
    );
    store.requests.patchState(r.id, { graceStartedAt: now, ...(sample ? { quotaSample: sample } : {}) } satisfies RotationState, now);
    const retireAt = now + params.graceMs;
    scheduleRetirement(ctx.deps, r.id, retireAt);
    store.history.append({
      requestId: r.id,
      event: 'handed-over',
      actor: 'keybot',
      at: now,
      data: { recipients: recipients.join(','), fingerprint: token.fingerprint },
    });
    store.history.append({
      requestId: r.id,
      event: 'retirement-scheduled',
      actor: 'keybot',
      at: now,
      data: { retireAt: new Date(retireAt).toISOString(), action: params.action },
    });
  });
  ctx.deps.kick();
}

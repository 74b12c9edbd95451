import { randomBytes } from 'node:crypto';
import { KeybotError } from '../../errors.js';
import { fingerprint, Secret } from '../../secret.js';
import { cleanSession, type Session, sessionsEquivalent } from '../../tyk/session.js';
import { keyHash } from '../../tyk/token.js';
import { recordOrigin } from '../inventory/record-origin.js';
import { beginRequest } from './begin.js';
import { getRef, putRef } from './stored-ref.js';
import type { RotationContext, RotationState } from './types.js';

/**
 * Step `execute`: copy the old key's session to a new key and check the copy. The new key's ID is
 * chosen and stored (encrypted) before the create call, so a crash at any point resumes with the
 * same ID and never makes a second key. Custom-ID creation is an upsert of the same session.
 */
export async function executeRotation(ctx: RotationContext): Promise<void> {
  const { store, clock, tyk } = ctx.deps;
  const r = ctx.request;
  const params = ctx.params;
  if (ctx.state.newRef) return; // created and checked before a crash after this step
  beginRequest(ctx);
  const old = getRef(store.vault, params.oldRef);
  if (!old) throw new KeybotError('INTERNAL', 'the reference to the old key is missing from the vault');
  const session = await tyk.keys.get(old.ref);
  if (!session)
    throw new KeybotError(
      'NOT_FOUND',
      `The old key ${params.fingerprint} no longer exists in Tyk, so there is nothing to copy. No new key was created.`,
    );

  const intent = store.vault.list(r.id, 'intent')[0]?.secret ?? recordIntent(ctx);
  const wanted: Session = {
    ...cleanSession(session),
    // Tyk itself shows the link: the new key names its rotation and the key it replaces.
    meta_data: { ...session.meta_data, keybot_rotation: r.id, keybot_rotated_from: params.fingerprint },
  };
  const resumed = (await tyk.keys.get({ raw: intent, orgId: tyk.keys.orgId })) !== null;
  // suppress_reset: the copy must not start with reset counters by accident (docs/design.md "Rotation").
  const created = await tyk.keys.createCustom(intent, wanted, { suppressReset: true });
  const back = await tyk.keys.get({ token: created.token });
  const diff = back ? sessionsEquivalent(wanted, back) : ['the key itself'];
  if (diff.length > 0) {
    await tyk.keys.delete({ token: created.token });
    throw new KeybotError(
      'TYK',
      `Tyk did not store the new key as asked (${diff.join(', ')} differ), so it was removed again. The old key is untouched.`,
    );
  }
  const hash = created.keyHash ?? keyHash(created.token.reveal());
  const now = clock.now();
  store.tx(() => {
    const newRef = putRef(store.vault, r.id, 'new key', { ref: { token: created.token }, keyHash: hash }, now);
    store.vault.eraseForRequest(r.id, 'intent', now);
    store.requests.patchState(r.id, { newRef, newFingerprint: created.token.fingerprint } satisfies RotationState, now);
    store.requests.addRef(r.id, created.token.fingerprint);
    store.requests.addRef(r.id, fingerprint(hash));
    recordOrigin(store, { token: created.token, keyHash: hash, fingerprint: created.token.fingerprint, requestId: r.id, rotatedAt: now });
    store.history.append({
      requestId: r.id,
      event: resumed ? 'new-key-confirmed' : 'new-key-created',
      actor: 'keybot',
      at: now,
      data: { fingerprint: created.token.fingerprint, policies: wanted.apply_policies.join(',') },
    });
    store.jobs.enqueue({ requestId: r.id, step: 'handover', dueAt: now }, now);
  });
  ctx.deps.kick();
}

/** A fresh 32-hex key ID (the size of a Tyk-generated one), stored before Tyk ever sees it. */
function recordIntent(ctx: RotationContext): Secret {
  const id = new Secret(randomBytes(16).toString('hex'));
  ctx.deps.store.vault.put({
    requestId: ctx.request.id,
    purpose: 'intent',
    label: 'new key ID',
    value: id.reveal(),
    now: ctx.deps.clock.now(),
  });
  return id;
}

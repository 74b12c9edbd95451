import { unixSeconds } from '../../clock.js';
import type { RevokeKeyArgs } from '../../command-args/revoke-key.js';
import { newId } from '../../ids.js';
import { type RequestRecord, TERMINAL } from '../../store/requests.js';
import type { WorkflowDeps } from '../deps.js';
import { emergencyAction } from '../emergency.js';
import { type Refusal, refuse } from '../refusal.js';
import type { RequestEngine } from '../requests.js';
import { emergencyFields } from '../rotate-key/emergency-summary.js';
import { oldKeyRetired, rotationPhase } from '../rotate-key/phase.js';
import { alreadyStopped, foreignOrgRefusal, keyName, resolveKey } from '../rotate-key/resolve-key.js';
import { putRef } from '../rotate-key/stored-ref.js';
import type { RotationParams } from '../rotate-key/types.js';
import { stateOf } from '../saved.js';

/**
 * `/revoke-key` after the ack: finds the key and refuses, with no request, an unknown key, one that
 * already does not work, and one already being revoked. A key in a rotation's grace period may be
 * revoked: that is how a leaked old key is stopped before its retirement date. The params have the
 * shape of a rotation's, so the rotation's retire, confirm and restore steps serve it unchanged.
 */
export async function draftRevocation(
  d: WorkflowDeps,
  engine: RequestEngine,
  args: Extract<RevokeKeyArgs, { help: false }>,
  requester: string,
  approved = false,
): Promise<RequestRecord | Refusal> {
  const key = await resolveKey(d.tyk.keys, args.key);
  if (!key) {
    const given = (args.key.kind === 'hash' ? args.key.hash : args.key.value).fingerprint;
    return refuse('not-found', `No key in Tyk matches what you gave (${given}); it may already be deleted. Nothing was requested.`);
  }
  const foreign = foreignOrgRefusal(key, d.tyk.keys.orgId);
  if (foreign) return refuse('not-allowed', foreign);
  const name = keyName(key);
  for (const ref of key.refs) {
    const earlier = d.store.requests.findByRef(ref).find((r) => r.kind === 'revoke-key');
    if (earlier && !TERMINAL.includes(earlier.status))
      return refuse('already-decided', `A revocation of key ${name} is already in progress: ${earlier.id} (${earlier.status}).`);
    const s = earlier ? stateOf('revoke-key', earlier) : undefined;
    if (earlier && s && oldKeyRetired(rotationPhase(s)))
      return refuse('already-decided', `Key ${name} was already revoked by ${earlier.id}.`);
  }
  if (alreadyStopped(key.session, unixSeconds(d.clock)))
    return refuse('already-decided', `Key ${name} already does not work (expired or inactive). Nothing was requested.`);
  const id = newId('req');
  const now = d.clock.now();
  const action = emergencyAction(d.config.oldKeyAction);
  return d.store.tx(() => {
    const oldRef = putRef(d.store.vault, id, 'revoked key', { ref: key.ref, keyHash: key.keyHash }, now);
    const params: RotationParams = {
      alias: key.session.alias,
      fingerprint: key.fingerprint,
      graceMs: 0,
      action,
      oldRef,
      oldRefs: key.refs,
      emergency: true,
    };
    const input = {
      id,
      kind: 'revoke-key' as const,
      requester,
      reason: args.reason,
      summary: { title: `Revoke key ${name}`, fields: emergencyFields(key.session, key.fingerprint, action, false) },
      params,
      refs: key.refs,
    };
    return approved ? engine.draftApproved(input) : engine.draft(input);
  });
}

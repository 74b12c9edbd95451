import { unixSeconds } from '../../clock.js';
import type { RotateKeyArgs } from '../../command-args/rotate-key.js';
import { KeybotError } from '../../errors.js';
import { newId } from '../../ids.js';
import { type RequestRecord, TERMINAL } from '../../store/requests.js';
import type { WorkflowDeps } from '../deps.js';
import { emergencyAction } from '../emergency.js';
import { type Refusal, refuse } from '../refusal.js';
import type { RequestEngine } from '../requests.js';
import { rotationRule } from '../rotation-policy/rotation-rule.js';
import { paramsOf, stateOf } from '../saved.js';
import { describeKey } from './describe-key.js';
import { emergencyFields } from './emergency-summary.js';
import { oldKeyRetired, rotationPhase } from './phase.js';
import { keyRecipients } from './recipients.js';
import { alreadyStopped, foreignOrgRefusal, keyName, type ResolvedKey, resolveKey } from './resolve-key.js';
import { putRef } from './stored-ref.js';
import type { RotationParams } from './types.js';

/**
 * `/rotate-key` after the ack: finds the key in Tyk and refuses, with no request, an unknown key,
 * one already expired or inactive, and one whose rotation is still going on.
 */
export async function draftRotation(
  d: WorkflowDeps,
  engine: RequestEngine,
  args: Extract<RotateKeyArgs, { help: false }>,
  requester: string,
  approved = false,
): Promise<RequestRecord | Refusal> {
  const key = await resolveKey(d.tyk.keys, args.key);
  if (!key) {
    return refuse(
      'not-found',
      `No key in Tyk matches what you gave (${(args.key.kind === 'hash' ? args.key.hash : args.key.value).fingerprint}). Give the value the consumer sends, its Tyk key ID, or hash:<key_hash>. Nothing was requested.`,
    );
  }
  const foreign = foreignOrgRefusal(key, d.tyk.keys.orgId);
  if (foreign) return refuse('not-allowed', foreign);
  const refused = refusedToRotate(d, key);
  if (refused) return refused;
  const now = d.clock.now();
  const rule = rotationRule(d.config, key.session);
  const goesTo = await keyRecipients(d.directory, key.session, requester, key.givenAs, rule.approval?.approvers ?? d.config.approvers);
  // --grace wins over the rule's grace; --now has none at all
  const graceMs = args.now || args.graceExplicit ? args.graceMs : (rule.graceMs ?? args.graceMs);
  const id = newId('req');
  const name = keyName(key);
  // The request and the vault row holding the old key's reference commit together.
  return d.store.tx(() => {
    const oldRef = putRef(d.store.vault, id, 'old key', { ref: key.ref, keyHash: key.keyHash }, now);
    const action = args.now ? emergencyAction(d.config.oldKeyAction) : d.config.oldKeyAction;
    const params: RotationParams = {
      alias: key.session.alias,
      fingerprint: key.fingerprint,
      graceMs,
      action,
      oldRef,
      oldRefs: key.refs,
      ...(args.now ? { emergency: true } : {}),
      recipients: goesTo.to,
    };
    const fields = args.now
      ? emergencyFields(key.session, key.fingerprint, action, true)
      : describeKey(key.session, key.fingerprint, graceMs, action);
    const summary = { title: `Rotate key ${name}${args.now ? ' now' : ''}`, fields: [...fields, ...rule.fields], goesTo };
    const input = {
      id,
      kind: 'rotate-key' as const,
      requester,
      reason: args.reason,
      summary,
      params,
      refs: key.refs,
      approval: rule.approval,
    };
    return approved ? engine.draftApproved(input) : engine.draft(input);
  });
}

/** Why this key cannot be rotated now (retired by an earlier rotation, one in progress, stopped, a master key), or null. */
function refusedToRotate(d: WorkflowDeps, key: ResolvedKey): Refusal | null {
  const name = keyName(key);
  for (const ref of key.refs) {
    for (const r of d.store.requests.findByRef(ref)) {
      if (r.kind !== 'rotate-key') continue;
      const state = stateOf('rotate-key', r);
      const wasOldKey = paramsOf('rotate-key', r).oldRefs.includes(ref);
      if (wasOldKey && oldKeyRetired(rotationPhase(state)))
        return refuse(
          'already-decided',
          `Key ${name} was already retired by rotation ${r.id}. Its replacement is ${state.newFingerprint}; rotate that one instead.`,
        );
      if (!TERMINAL.includes(r.status))
        return refuse(
          'already-decided',
          `A rotation of key ${name} is already in progress: ${r.id} (${r.status}). Use the buttons on its messages, or /key-history ${r.id}.`,
        );
    }
  }
  if (alreadyStopped(key.session, unixSeconds(d.clock))) {
    const why = key.session.expires > 0 && key.session.expires <= unixSeconds(d.clock) ? 'has already expired' : 'is inactive';
    return refuse('already-decided', `Key ${name} ${why}; there is nothing to rotate. Nothing was requested.`);
  }
  if (Object.keys(key.session.access_rights).length === 0 && key.session.apply_policies.length === 0) {
    throw new KeybotError(
      'BAD_INPUT',
      `Key ${name} has no access rights and no policies; in Tyk that is a master key for every API of the org, and the bot will not copy it. Nothing was requested.`,
    );
  }
  return null;
}

import { recordRotation } from '../credential/finish.js';
import { handedTo } from '../credential/handed-to.js';
import { needTyk } from '../credential/need-tyk.js';
import type { RevealTo } from '../credential/reveal-rows.js';
import { rotateOnce } from '../credential/rotate-once.js';
import type { CredentialState } from '../credential/types.js';
import type { StepContext } from '../definition.js';
import { beginRequest } from '../rotate-key/begin.js';
import { says } from '../say.js';
import { readCredential } from './read-credential.js';
import type { CredentialRotationParams } from './types.js';

/**
 * Step `execute`: rotate the credential once (`PUT …/credentials/{id}/rotate`, no body, no
 * credential in the reply), re-read the access request's credentials, and hand the new one to
 * the recipients the approval message named: the app's developer (docs/tyk-api.md §3).
 */
export async function executeCredentialRotation(ctx: StepContext<CredentialRotationParams, CredentialState>): Promise<void> {
  const p = ctx.params;
  if (ctx.state.rotatedAt) return;
  beginRequest(ctx);
  const portal = needTyk(ctx.deps.tyk, 'portal', '/rotate-credential');
  const { value, resumed } = await rotateOnce({
    what: 'Portal credential',
    oldFingerprint: p.fingerprint,
    read: () => readCredential(portal, p),
    rotate: () => portal.rotateCredential(p.appId, p.accessRequestId, p.credentialId),
    hints: {
      bad_request: 'The portal could not rotate it (422: the credential is gone, or its identity provider failed).',
      not_found: 'The app, access request or credential is no longer in the Tyk Portal.',
    },
  });
  const requester = ctx.request.requester;
  const recipients = p.recipients ?? [requester, ...(p.developer ? [p.developer] : [])];
  const to: RevealTo[] = recipients.map((user) => ({
    user,
    note:
      user === p.developer
        ? `The credential of your app ${p.appName} was rotated (${ctx.request.id}); the old one no longer works. Update the app now.`
        : 'The portal cut the old credential: update the app now.',
  }));
  recordRotation(ctx, {
    value,
    resumed,
    event: 'credential-rotated',
    data: { appId: p.appId, accessRequestId: p.accessRequestId, credentialId: p.credentialId, previous: p.fingerprint },
    handover: {
      label: `Portal credential ${p.credentialId} of app ${p.appName}`,
      what: `Portal credential ${p.credentialId} of app ${p.appName} ${value.fingerprint}`,
      to,
    },
    next: {
      done: says(
        `Rotated Portal credential ${p.credentialId} of app ${p.appName} (access request ${p.accessRequestId}): ${p.fingerprint} → ${value.fingerprint}. `,
        handedTo(
          to.map((t) => t.user),
          'credential',
        ),
        ' The old credential no longer works.',
      ),
    },
  });
}

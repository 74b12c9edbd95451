import type { RotateCredentialInput } from '../../command-args/rotate-credential.js';
import type { RequestRecord } from '../../store/requests.js';
import type { PortalAccessRequest, PortalApp, PortalUser } from '../../tyk/portal.js';
import { refuseIfInProgress } from '../credential/in-progress.js';
import { needTyk } from '../credential/need-tyk.js';
import { chooseRecipients, isCliActor, ownerByEmail } from '../credential/recipients.js';
import { tykCall, tykFind } from '../credential/tyk-call.js';
import type { WorkflowDeps } from '../deps.js';
import { type Refusal, refuse } from '../refusal.js';
import type { RequestEngine } from '../requests.js';
import type { CredentialRotationParams } from './types.js';

function describeCredential(app: PortalApp, ar: PortalAccessRequest, dev: PortalUser | null, p: CredentialRotationParams) {
  const devName = dev ? `${`${dev.firstName} ${dev.lastName}`.trim() || '(no name)'} <${dev.email}>` : '(unknown)';
  return {
    title: `Rotate Portal credential ${p.credentialId} of app ${app.name}`,
    fields: [
      { label: 'App', value: `${app.name} (ID ${app.id})` },
      { label: 'Developer', value: devName },
      { label: 'Plan', value: ar.plan || '(none)' },
      { label: 'Products', value: ar.products || '(none)' },
      { label: 'Access request', value: `${ar.id} (${ar.status || 'unknown status'})` },
      { label: 'Credential', value: `${p.credentialId} ${p.fingerprint}` },
    ],
    warnings: [
      "The portal cuts the old credential the moment it makes the new one (no grace window is documented): the app's calls fail until it uses the new credential.",
    ],
  };
}

/**
 * `/rotate-credential` after the ack: refuses, before any request exists, a deployment without a
 * Portal, an unknown app, access request or credential, and an open rotation of the same one.
 */
export async function draftCredentialRotation(
  d: WorkflowDeps,
  engine: RequestEngine,
  args: RotateCredentialInput,
  requester: string,
  approved = false,
): Promise<RequestRecord | Refusal> {
  const portal = needTyk(d.tyk, 'portal', '/rotate-credential');
  const { appId, accessRequestId, credentialId } = args;
  const app = await tykFind(() => portal.getApp(appId));
  if (!app) return refuse('not-found', `The Tyk Portal has no app ${appId}. Nothing was requested.`);
  const ar = (await tykCall(() => portal.listAccessRequests(appId))).find((r) => r.id === accessRequestId);
  if (!ar) return refuse('not-found', `App ${app.name} (${appId}) has no access request ${accessRequestId}. Nothing was requested.`);
  const cred = (await tykCall(() => portal.listCredentials(appId, accessRequestId))).find((c) => c.id === credentialId);
  if (!cred)
    return refuse(
      'not-found',
      `Access request ${accessRequestId} of app ${app.name} (${appId}) has no credential ${credentialId}. Nothing was requested.`,
    );
  const busy = refuseIfInProgress(d.store, 'rotate-credential', `credential:${credentialId}`, `Portal credential ${credentialId}`);
  if (busy) return busy;
  const dev = app.userId ? await tykFind(() => portal.getUser(app.userId as number)) : null;
  // The app's developer owns the credential: the Slack user with their email gets it.
  const owner = dev?.email ? await ownerByEmail(d.directory, dev.email) : { user: null };
  const goesTo = chooseRecipients(requester, owner, isCliActor(requester), 'credential');
  const developer = owner.user;
  const params: CredentialRotationParams = {
    appId,
    accessRequestId,
    credentialId,
    appName: app.name,
    fingerprint: cred.credential.fingerprint,
    ...(developer ? { developer } : {}),
    recipients: goesTo.to,
  };
  const input = {
    kind: 'rotate-credential' as const,
    requester,
    reason: args.reason,
    summary: { ...describeCredential(app, ar, dev, params), goesTo },
    params,
    refs: [`credential:${credentialId}`, cred.credential.fingerprint],
  };
  return approved ? engine.draftApproved(input) : engine.draft(input);
}

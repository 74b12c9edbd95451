import { KeybotError } from '../../errors.js';
import type { Secret } from '../../secret.js';
import type { PortalClient } from '../../tyk/portal.js';
import type { CredentialRotationParams } from './types.js';

/**
 * The credential's current token, from the access request's credential list: the rotate reply
 * carries no credential, re-listing is how to get the new one (docs/tyk-api.md §3).
 */
export async function readCredential(portal: PortalClient, p: CredentialRotationParams): Promise<Secret> {
  const found = (await portal.listCredentials(p.appId, p.accessRequestId)).find((c) => c.id === p.credentialId);
  if (!found) {
    throw new KeybotError(
      'NOT_FOUND',
      `Credential ${p.credentialId} is no longer listed in access request ${p.accessRequestId} of app ${p.appName} (${p.appId}) in the Tyk Portal.`,
    );
  }
  return found.credential;
}

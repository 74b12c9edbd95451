import type { RotateSecretInput } from '../../command-args/rotate-secret.js';
import type { RequestRecord } from '../../store/requests.js';
import type { OAuthClient } from '../../tyk/gateway-oauth.js';
import { refuseIfInProgress } from '../credential/in-progress.js';
import { needTyk } from '../credential/need-tyk.js';
import { chooseRecipients, isCliActor, ownerFromMeta } from '../credential/recipients.js';
import { tykCall, tykFind } from '../credential/tyk-call.js';
import type { WorkflowDeps } from '../deps.js';
import { type Refusal, refuse } from '../refusal.js';
import type { RequestEngine } from '../requests.js';
import type { SecretRotationParams } from './types.js';

/** What approvers read: the client as Tyk shows it, never its secret; and what rotating it does (docs/tyk-api.md §1.6). */
function describeClient(c: OAuthClient, apiId: string, tokens: number, revokeTokens: boolean) {
  return {
    title: `Rotate the OAuth client secret of ${c.clientId}`,
    fields: [
      { label: 'Client ID', value: c.clientId },
      { label: 'API', value: apiId },
      { label: 'Redirect URI', value: c.redirectUri || '(none)' },
      { label: 'Description', value: c.description ?? '(none)' },
      { label: 'Current secret', value: c.secret.fingerprint },
      { label: 'Issued tokens', value: `${tokens} (${revokeTokens ? 'all revoked after the rotation' : 'keep working'})` },
    ],
    warnings: [
      'The old secret stops working the moment the new one is made: Tyk has no dual-secret window, so every app using this client fails until it has the new secret.',
      revokeTokens
        ? 'Every access and refresh token of this client is revoked after the rotation: its users have to sign in again.'
        : 'Access and refresh tokens already issued keep working (rotation does not revoke them); ask again with --revoke-tokens to cut them off.',
    ],
  };
}

/**
 * `/rotate-secret` after the ack: refuses, before any request exists, a deployment without a
 * Gateway, an unknown client and one whose rotation is still open.
 */
export async function draftSecretRotation(
  d: WorkflowDeps,
  engine: RequestEngine,
  args: RotateSecretInput,
  requester: string,
  approved = false,
): Promise<RequestRecord | Refusal> {
  const gateway = needTyk(d.tyk, 'gateway', '/rotate-secret');
  const { apiId, clientId } = args;
  const client = await tykFind(() => gateway.getClient(apiId, clientId));
  if (!client) {
    return refuse(
      'not-found',
      `The Tyk Gateway has no OAuth client ${clientId} for API ${apiId} (it answers the same when the API is unknown). Check both IDs. Nothing was requested.`,
    );
  }
  const busy = refuseIfInProgress(d.store, 'rotate-secret', `client:${clientId}`, `OAuth client ${clientId}`);
  if (busy) return busy;
  const tokens = await tykCall(() => gateway.listTokens(apiId, clientId));
  // The client's meta_data may name an owner: then the secret goes to them, not to whoever asked.
  const goesTo = chooseRecipients(requester, await ownerFromMeta(d.directory, client.metaData), isCliActor(requester), 'secret');
  const params: SecretRotationParams = {
    apiId,
    clientId,
    fingerprint: client.secret.fingerprint,
    revokeTokens: args.revokeTokens,
    recipients: goesTo.to,
  };
  const input = {
    kind: 'rotate-secret' as const,
    requester,
    reason: args.reason,
    summary: { ...describeClient(client, apiId, tokens.length, args.revokeTokens), goesTo },
    params,
    refs: [`client:${clientId}`, client.secret.fingerprint],
  };
  return approved ? engine.draftApproved(input) : engine.draft(input);
}

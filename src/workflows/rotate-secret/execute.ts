import { KeybotError } from '../../errors.js';
import { recordRotation } from '../credential/finish.js';
import { handedTo } from '../credential/handed-to.js';
import { needTyk } from '../credential/need-tyk.js';
import { rotateOnce } from '../credential/rotate-once.js';
import type { CredentialState } from '../credential/types.js';
import type { StepContext } from '../definition.js';
import { beginRequest } from '../rotate-key/begin.js';
import { type Say, says } from '../say.js';
import { type SecretRotationParams, secretRecipients } from './types.js';

/** The thread's last word on a /rotate-secret: old and new fingerprints, who has the secret, what still works. */
export function secretRotatedText(p: SecretRotationParams, newFingerprint: string, requester: string, revoked?: number): Say {
  const tokens =
    revoked === undefined
      ? 'tokens issued before still work.'
      : revoked === 0
        ? 'it had no tokens to revoke.'
        : `all ${revoked} tokens it had issued were revoked.`;
  return says(
    `Rotated the OAuth client secret of ${p.clientId} (API ${p.apiId}): ${p.fingerprint} → ${newFingerprint}. `,
    handedTo(secretRecipients(p, requester), 'secret'),
    ` The old secret no longer works; ${tokens}`,
  );
}

/**
 * Step `execute`: rotate the secret once (docs/tyk-api.md §1.6: a new server-made secret, same client
 * ID), check the client ID and that the secret changed, and hand the new secret to the recipients the approval message named.
 * With --revoke-tokens the `revoke` step follows.
 */
export async function executeSecretRotation(ctx: StepContext<SecretRotationParams, CredentialState>): Promise<void> {
  const p = ctx.params;
  if (ctx.state.rotatedAt) return;
  beginRequest(ctx);
  const gateway = needTyk(ctx.deps.tyk, 'gateway', '/rotate-secret');
  const { value, resumed } = await rotateOnce({
    what: 'OAuth client secret',
    oldFingerprint: p.fingerprint,
    read: async () => {
      const client = await gateway.getClient(p.apiId, p.clientId);
      if (client.clientId !== p.clientId)
        throw new KeybotError(
          'TYK',
          `The Tyk Gateway answered with client ${client.clientId} when asked for ${p.clientId}. Nothing was handed over.`,
        );
      return client.secret;
    },
    rotate: () => gateway.rotateClient(p.apiId, p.clientId),
    hints: { not_found: 'The client or its API is no longer in the Tyk Gateway.' },
  });
  const r = ctx.request;
  recordRotation(ctx, {
    value,
    resumed,
    event: 'secret-rotated',
    data: { apiId: p.apiId, clientId: p.clientId, previous: p.fingerprint },
    handover: {
      label: `OAuth client secret for ${p.clientId}`,
      what: `OAuth client secret for ${p.clientId} ${value.fingerprint}`,
      to: secretRecipients(p, r.requester).map((user) => ({
        user,
        note: 'The old secret no longer works: give the new one to every app that uses this client now.',
      })),
    },
    next: p.revokeTokens ? { step: 'revoke' } : { done: secretRotatedText(p, value.fingerprint, r.requester) },
  });
}

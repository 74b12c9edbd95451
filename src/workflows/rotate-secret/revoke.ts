import { KeybotError } from '../../errors.js';
import { succeed } from '../credential/finish.js';
import { needTyk } from '../credential/need-tyk.js';
import { tykCall } from '../credential/tyk-call.js';
import type { CredentialState } from '../credential/types.js';
import type { StepContext } from '../definition.js';
import { secretRotatedText } from './execute.js';
import type { SecretRotationParams } from './types.js';

/**
 * Step `revoke` (--revoke-tokens): `revoke_all` with the client's current secret, read from the
 * Gateway (the handed-over copy may be gone already), then list the tokens: revoke_all answers 200
 * even for a wrong secret (docs/tyk-api.md §1.6), so only an empty list proves it worked.
 */
export async function revokeTokens(ctx: StepContext<SecretRotationParams, CredentialState>): Promise<void> {
  const p = ctx.params;
  const state = ctx.state;
  if (!state.rotatedAt || state.revokedAt) return;
  const gateway = needTyk(ctx.deps.tyk, 'gateway', '/rotate-secret');
  const { revoked, left } = await tykCall(async () => {
    const client = await gateway.getClient(p.apiId, p.clientId);
    const before = await gateway.listTokens(p.apiId, p.clientId);
    await gateway.revokeAll(p.clientId, client.secret);
    return { revoked: before.length, left: (await gateway.listTokens(p.apiId, p.clientId)).length };
  });
  if (left > 0) {
    throw new KeybotError(
      'TYK',
      `The Tyk Gateway answered that the tokens were revoked, but ${left} of client ${p.clientId}'s tokens are still listed.`,
      true,
    );
  }
  const { store, clock } = ctx.deps;
  const now = clock.now();
  store.tx(() => {
    store.requests.patchState(ctx.request.id, { revokedAt: now } satisfies CredentialState, now);
    store.history.append({
      requestId: ctx.request.id,
      event: 'tokens-revoked',
      actor: 'keybot',
      at: now,
      data: { apiId: p.apiId, clientId: p.clientId, tokens: revoked },
    });
    succeed(ctx, secretRotatedText(p, state.newFingerprint ?? '', ctx.request.requester, revoked), now);
  });
  ctx.deps.kick();
}

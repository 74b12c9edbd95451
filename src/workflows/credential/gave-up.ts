import { describeError } from '../../describe-error.js';
import { KeybotError } from '../../errors.js';
import type { StepContext } from '../definition.js';
import type { CredentialState } from './types.js';

/**
 * A step failed for good. Before the rotation the request failed and nothing changed; after it
 * (a later step such as revoking tokens) the new value exists and was handed over: partial.
 */
export async function credentialGaveUp(ctx: StepContext<unknown, CredentialState>, error: unknown): Promise<void> {
  const state = ctx.currentState() ?? {};
  if (!state.rotatedAt) return ctx.engine.fail(ctx, error);
  const { message } = describeError(error, ctx.log);
  ctx.engine.fail(
    ctx,
    new KeybotError('TYK', `The new value ${state.newFingerprint} was made and handed over, but the next step failed: ${message}`),
    'partial',
  );
}

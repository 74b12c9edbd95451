import { unixSeconds } from '../../clock.js';
import type { StepContext } from '../definition.js';
import { retireKey } from './retire-key.js';
import { getRef } from './stored-ref.js';
import type { RotationParams, RotationState } from './types.js';

/** A gateway keeps a key's session cached for about 10 s under the value consumers send (docs/tyk-behaviour.md). */
export const CONFIRM_AFTER_MS = 30_000;
const MAX_CONFIRMS = 5;

/**
 * Step `confirm:<n>`: a retirement can be undone by the gateway's session cache while the old key
 * is in use (a cached session is written back on each request). After the cache window the old
 * key is read again; if it works again, retirement is re-applied and the team is told why.
 */
export async function confirmRetirement(ctx: StepContext): Promise<void> {
  const state = ctx.request.state as RotationState;
  if (!state.retiredAt || state.restoredAt || !state.retiredWith) return;
  const { store, clock, tyk } = ctx.deps;
  const params = ctx.request.params as RotationParams;
  const old = getRef(store.vault, params.oldRef);
  if (!old) return;
  const session = await tyk.keys.get(old.ref);
  const holds =
    state.retiredWith === 'delete'
      ? session === null
      : state.retiredWith === 'deactivate'
        ? session?.is_inactive === true
        : session === null || (session.expires > 0 && session.expires <= unixSeconds(clock) + 60);
  if (holds || !session) return;
  const done = await retireKey(tyk.keys, old.ref, session, state.retiredWith, clock);
  const attempt = Number(ctx.job.step.split(':')[1] ?? 1);
  const now = clock.now();
  store.tx(() => {
    store.history.append({
      requestId: ctx.request.id,
      event: 'retirement-reapplied',
      actor: 'keybot',
      at: now,
      data: { action: done.action, attempt },
    });
    const last = attempt >= MAX_CONFIRMS;
    const next = last
      ? `This was the ${attempt}th time; the bot stops re-applying: a client is still calling with the old key.`
      : 'Retirement was applied again.';
    ctx.engine.notify(ctx.request.id, `reapplied:${attempt}`, {
      type: 'progress',
      text: `:warning: The old key ${params.fingerprint} worked again after retirement: a gateway's session cache wrote it back while it was still in use. ${next} To stop this, set \`local_session_cache.disable_cached_session_state: true\` in tyk.conf, or move the last clients first.`,
    });
    if (!last) store.jobs.enqueue({ requestId: ctx.request.id, step: `confirm:${attempt + 1}`, dueAt: now + CONFIRM_AFTER_MS }, now);
  });
  ctx.deps.kick();
}

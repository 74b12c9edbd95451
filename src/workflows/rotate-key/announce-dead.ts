import type { RotationContext, RotationState } from './types.js';

/** An emergency's last word: the old key has stayed retired for a whole cache window, so no gateway serves it any more. */
export function announceDead(ctx: RotationContext, now: number): void {
  const { store } = ctx.deps;
  const r = ctx.request;
  const state = ctx.state;
  const params = ctx.params;
  store.tx(() => {
    store.requests.patchState(r.id, { deadAt: now } satisfies RotationState, now);
    store.history.append({
      requestId: r.id,
      event: 'confirmed-dead',
      actor: 'keybot',
      at: now,
      data: { fingerprint: params.fingerprint, action: state.retiredWith ?? params.action, afterMs: now - (state.retiredAt ?? now) },
    });
    ctx.engine.notify(r.id, 'dead', {
      type: 'key-dead',
      fingerprint: params.fingerprint,
      alias: params.alias,
      retiredAt: state.retiredAt ?? now,
    });
  });
}

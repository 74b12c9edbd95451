import type { StepContext } from '../definition.js';

/** approved → running, once; the first step of every workflow's execute job calls it. */
export function beginRequest(ctx: StepContext): void {
  const { store, clock } = ctx.deps;
  store.tx(() => {
    if (store.requests.transition(ctx.request.id, ['approved'], 'running', clock.now())) {
      store.history.append({ requestId: ctx.request.id, event: 'started', actor: 'keybot', at: clock.now() });
    }
  });
}

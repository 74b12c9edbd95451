import { z } from 'zod';
import type { WorkflowDefinition } from '../../src/workflows/definition.js';

/** A request kind for tests of the generic lifecycle: its execute step records that it ran. */
export function testWorkflow() {
  const runs: string[] = [];
  const definition: WorkflowDefinition = {
    kind: 'test',
    schemas: { params: z.unknown(), state: z.unknown() },
    steps: {
      async execute(ctx) {
        runs.push(ctx.request.id);
        const now = ctx.deps.clock.now();
        ctx.deps.store.tx(() => {
          ctx.deps.store.requests.transition(ctx.request.id, ['approved'], 'succeeded', now);
          ctx.deps.store.history.append({ requestId: ctx.request.id, event: 'succeeded', actor: 'keybot', at: now });
        });
      },
    },
  };
  return { runs, definition };
}

export const testDraft = (requester: string) => ({
  kind: 'test' as const,
  requester,
  reason: 'testing the approval flow',
  summary: { title: 'Test change', fields: [{ label: 'What', value: 'nothing real' }] },
  params: {},
  refs: ['test:1'],
});

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/ops/metrics.js';

const idle = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = async (metrics: ReturnType<typeof createMetrics>, q: string) => {
  const text = await metrics.registry.metrics();
  return Number(new RegExp(`^keybot_event_loop_delay_seconds\\{quantile="${q}"\\} (\\S+)$`, 'm').exec(text)?.[1]);
};
const queue = { jobsPending: () => 0, rotationsInGrace: () => 0 };

describe('keybot_event_loop_delay_seconds', () => {
  it("reads how late the loop ran, not the monitor's own 10 ms sampling interval", async () => {
    // perf_hooks samples the time between two runs of its timer: an idle loop reads the interval itself
    const raw = monitorEventLoopDelay({ resolution: 10 });
    raw.enable();
    const metrics = createMetrics(queue);
    try {
      await quantile(metrics, '0.5'); // a fresh window from here
      await idle(300);
      const median = await quantile(metrics, '0.5');
      raw.disable();
      expect(raw.min / 1e6).toBeGreaterThan(9); // about the interval: what the monitor gives for a loop that was never late
      expect(median).toBeGreaterThanOrEqual(0);
      // the same loop over the same window, the interval taken out
      expect(median * 1000).toBeLessThan(raw.percentile(50) / 1e6 - 5);
    } finally {
      metrics.stop();
    }
  });

  it('shows a blocked loop by how long it was blocked', async () => {
    const metrics = createMetrics(queue);
    try {
      await quantile(metrics, '1');
      await idle(30);
      const until = performance.now() + 80;
      while (performance.now() < until) {
        // the loop held for 80 ms
      }
      await idle(30);
      const max = (await quantile(metrics, '1')) * 1000;
      expect(max).toBeGreaterThan(60);
      expect(max).toBeLessThan(90 + 50);
    } finally {
      metrics.stop();
    }
  });
});

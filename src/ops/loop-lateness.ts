import { monitorEventLoopDelay } from 'node:perf_hooks';

/** How often the monitor's timer runs. */
const SAMPLE_MS = 10;

/** How late the event loop ran since the window began, in ms. */
export interface LoopLateness {
  /** the q-th percentile (0–100) */
  percentile(q: number): number;
  max(): number;
  /** starts a new window */
  reset(): void;
  disable(): void;
}

/**
 * perf_hooks.monitorEventLoopDelay records the time between two runs of its own timer, so a loop
 * that was never late reads the timer's interval (10 ms here), not 0. What is beyond the interval
 * is the lateness: how long a timer, or a request that arrived, waited for the loop.
 */
export function loopLateness(): LoopLateness {
  const h = monitorEventLoopDelay({ resolution: SAMPLE_MS });
  h.enable();
  const late = (ns: number) => (Number.isFinite(ns) ? Math.max(0, ns / 1e6 - SAMPLE_MS) : 0);
  return {
    percentile: (q: number) => late(h.percentile(q)),
    max: () => late(h.max),
    reset: () => h.reset(),
    disable: () => h.disable(),
  };
}

/**
 * Delay before a failed job's next attempt: exponential from 2 s, capped at 10 min, with full
 * jitter so jobs that failed together (Tyk down) do not all come back in the same second.
 */
export function retryDelay(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(600_000, 2_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

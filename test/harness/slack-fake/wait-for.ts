import type { RecordedCall } from './types.js';

const POLL_MS = 10;

/**
 * Polls `pick` until it returns a value (anything but undefined, null or false). On timeout the
 * error names what was awaited and lists the last Web API calls, which is usually the clue.
 */
export async function waitFor<T>(
  pick: () => T | undefined | false | null,
  calls: readonly RecordedCall[],
  opts: { timeoutMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 5000);
  for (;;) {
    const value = pick();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(timeoutMessage(opts.what ?? 'a condition', calls));
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function timeoutMessage(what: string, calls: readonly RecordedCall[]): string {
  const last = calls.slice(-10).map((c) => {
    const args = JSON.stringify(c.args);
    const shown = args.length > 200 ? `${args.slice(0, 200)}…` : args;
    return `  ${c.method} → ${c.ok ? 'ok' : (c.error ?? `HTTP ${c.status}`)} ${shown}`;
  });
  return [`timed out waiting for ${what}; last Slack calls:`, ...(last.length ? last : ['  (none)'])].join('\n');
}

import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Log } from '../log.js';

/** Slack's signature check accepts a request for 5 minutes; a second delivery of the same signed bytes is a replay. */
const WINDOW_MS = 5 * 60_000;

/** Pulls the signature out of the raw request for the guard (Bolt puts it in context.customProperties... as `signature`). */
export const signatureOf = (req: { headers: Record<string, string | string[] | undefined> }): { signature: string } => ({
  signature: `${String(req.headers['x-slack-request-timestamp'] ?? '')}:${String(req.headers['x-slack-signature'] ?? '')}`,
});

/**
 * Global middleware: a request whose exact signature was already seen is acknowledged and dropped,
 * so a captured click or command replayed within Slack's 5-minute window does nothing. (Slack's own
 * event retries are re-signed, so they pass.)
 */
export function replayGuard(log: Log, now: () => number = Date.now): Middleware<AnyMiddlewareArgs> {
  const seen = new Map<string, number>();
  return async (args) => {
    const sig = (args.context as { signature?: string }).signature;
    const t = now();
    if (seen.size > 10_000) for (const [k, until] of seen) if (until < t) seen.delete(k);
    if (sig && sig !== ':') {
      if ((seen.get(sig) ?? 0) > t) {
        log.warn('replayed Slack request dropped');
        if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
        return;
      }
      seen.set(sig, t + WINDOW_MS);
    }
    await args.next();
  };
}

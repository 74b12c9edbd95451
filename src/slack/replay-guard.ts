import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Log } from '../log.js';

/** Where handled deliveries are remembered (SQLite, so a restart does not forget). */
export interface SeenDeliveries {
  /** true and recorded when none of `ids` was seen before; false (nothing recorded) otherwise */
  claim(ids: readonly string[], now: number): boolean;
}

type Headers = Record<string, string | string[] | undefined>;

const TIMESTAMP = /^[1-9]\d*$/;
const SIGNATURE = /^v0=([0-9a-f]{64})$/;

/**
 * Slack sends one header each, a timestamp in plain digits and `v0=` with 64 lower-case hex digits.
 * Bolt's own check is looser (it accepts `v0=<hex>=junk`, and `0<timestamp>` parses as the same
 * time), so one signed request could be sent again under other header strings. Anything but the
 * canonical form is refused before Bolt sees it.
 */
export function hasCanonicalSignature(headers: Headers): boolean {
  const ts = headers['x-slack-request-timestamp'];
  const sig = headers['x-slack-signature'];
  return typeof ts === 'string' && TIMESTAMP.test(ts) && typeof sig === 'string' && SIGNATURE.test(sig);
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Wraps the HTTP receiver's listener: a POST with non-canonical signature headers gets 401 and goes no further. */
export function refuseNonCanonical(inner: RequestListener, log: Log): RequestListener {
  return (req, res) => {
    if (req.method === 'POST' && !hasCanonicalSignature(req.headers)) {
      log.warn('Slack request with non-canonical signature headers refused');
      res.writeHead(401).end();
      return;
    }
    inner(req, res);
  };
}

/** The signature's hex digits, for the guard (Bolt hands them to middleware as `context.signature`). */
export const signatureOf = (req: { headers: Headers }): { signature: string } => {
  const sig = req.headers['x-slack-signature'];
  return { signature: (typeof sig === 'string' && SIGNATURE.exec(sig)?.[1]) || '' };
};

const digest = (v: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(v ?? null))
    .digest('hex')
    .slice(0, 32);

interface DeliveryBody {
  type?: string;
  command?: string;
  trigger_id?: string;
  user?: { id?: string };
  user_id?: string;
  actions?: Array<{ action_id?: string; action_ts?: string }>;
  view?: { id?: string; hash?: string; state?: unknown };
}

/**
 * What makes one command, click or submission itself, whatever headers it came with: Slack issues
 * a fresh trigger_id for each, stamps a click with its action_ts, and a submission belongs to one
 * version of one view (view.id + view.hash). The submitted values are part of a submission's
 * identity so that a form corrected after a field error is not taken for a replay.
 */
export function deliveryIdentities(body: DeliveryBody): string[] {
  const ids: string[] = [];
  if (body.trigger_id) ids.push(`trigger:${body.trigger_id}`);
  const user = body.user?.id ?? body.user_id ?? '';
  if (body.type === 'block_actions')
    for (const a of body.actions ?? []) if (a.action_ts) ids.push(`action:${user}:${a.action_id ?? ''}:${a.action_ts}`);
  if (body.type === 'view_submission' && body.view?.id && body.view.hash)
    ids.push(`view:${body.view.id}:${body.view.hash}:${digest(body.view.state)}`);
  return ids;
}

/**
 * Global middleware: a delivery whose signature or own identity was handled before is
 * acknowledged and dropped, so a captured command, click or submission sent again does nothing,
 * within Slack's 5-minute window and after a restart. (Slack's own event retries are re-signed
 * and carry no trigger_id, so they pass.)
 */
export function replayGuard(seen: SeenDeliveries, log: Log, now: () => number = Date.now): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const sig = (args.context as { signature?: string }).signature;
    const ids = [...(sig ? [`sig:${sig}`] : []), ...deliveryIdentities(args.body as DeliveryBody)];
    if (ids.length > 0 && !seen.claim(ids, now())) {
      log.warn('replayed Slack request dropped');
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    await args.next();
  };
}

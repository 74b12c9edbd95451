import { createHmac } from 'node:crypto';

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/**
 * Signs a request body the way Slack does: `v0=` and the hex HMAC-SHA256, keyed by the signing
 * secret, of `v0:{timestamp}:{raw body}`. Bolt refuses timestamps more than 5 minutes old.
 */
export function signSlackRequest(secret: string, body: string, timestampSeconds: number): SlackSignatureHeaders {
  const digest = createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestampSeconds) };
}

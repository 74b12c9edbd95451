import type { Config } from '../config.js';
import { KeybotError } from '../errors.js';

/**
 * Slack errors that the same call will get again until a person acts (an invite, a scope, a new
 * token): retrying them only delays telling anyone. Everything else (rate limits, 5xx, network)
 * stays transient for the job runner.
 */
const UNHEALABLE = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'invalid_auth',
  'missing_scope',
  'account_inactive',
  'token_revoked',
]);
/** After these no call with the bot token works, so nobody can be told in Slack: the log is the only place. */
const TOKEN_DEAD = new Set(['invalid_auth', 'account_inactive', 'token_revoked']);

/** Where a message was going: a channel, or a DM with a person. */
export interface Destination {
  channel?: string;
  user?: string;
}

const slackErrorOf = (e: unknown): { error?: string; needed?: string } => (e as { data?: { error?: string; needed?: string } })?.data ?? {};

/** A channel in words an admin can act on: its ID and the setting that names it. */
function describe(to: Destination, config: Config): string {
  if (to.user) return `the DM with <@${to.user}>`;
  const names = [
    to.channel === config.approvalChannel ? 'APPROVAL_CHANNEL' : undefined,
    to.channel === config.notifyChannel && config.notifyChannel !== config.approvalChannel ? 'NOTIFY_CHANNEL' : undefined,
  ].filter(Boolean);
  return names.length > 0 ? `${to.channel} (${names.join(', ')})` : `${to.channel}`;
}

function fixFor(error: string, needed: string | undefined, where: string): string {
  if (error === 'not_in_channel') return `the bot is not in ${where}: /invite @keybot in that channel`;
  if (error === 'channel_not_found') return `${where} is not visible to the bot: check the ID, and /invite @keybot to a private channel`;
  if (error === 'is_archived') return `${where} is archived: unarchive it or set another channel`;
  if (error === 'missing_scope') {
    return `posting to ${where} needs the ${needed ?? 'missing'} scope: add it under OAuth & Permissions and reinstall the app`;
  }
  return `Slack refused SLACK_BOT_TOKEN (${error}) posting to ${where}: reinstall the app and set the new Bot User OAuth Token`;
}

/**
 * A Slack error that cannot heal, as a final (not retryable) KeybotError naming the destination
 * and the fix; any other error is returned unchanged.
 */
export function asUndeliverable(e: unknown, to: Destination, config: Config): unknown {
  const { error, needed } = slackErrorOf(e);
  if (!error || !UNHEALABLE.has(error)) return e;
  return new KeybotError('SLACK', fixFor(error, needed, describe(to, config)), false, {
    slackError: error,
    ...(to.channel ? { channel: to.channel } : {}),
    ...(to.user ? { user: to.user } : {}),
  });
}

/** Whether this undeliverable error means the token itself is dead (nobody can be told in Slack). */
export const tokenDead = (e: KeybotError): boolean => TOKEN_DEAD.has(String(e.details.slackError));

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { fail, type Reply } from './reply.js';

/**
 * The bot scopes of the project's manifest.yml: the scopes a workspace grants when the app is
 * installed from it, and so the default scopes of the fake's bot token.
 */
export function manifestBotScopes(path = new URL('../../../manifest.yml', import.meta.url)): string[] {
  const manifest = parse(readFileSync(path, 'utf8')) as { oauth_config?: { scopes?: { bot?: string[] } } };
  return [...(manifest.oauth_config?.scopes?.bot ?? [])];
}

/**
 * Which scope each Web API method needs, as Slack's method reference lists them (any one of a
 * list is enough). conversations.info needs the read scope of the channel's type. Methods not
 * named (auth.test, views.*) need no scope.
 */
const METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'conversations.open': ['im:write', 'mpim:write'],
  'users.info': ['users:read'],
  'users.lookupByEmail': ['users:read.email'],
  'usergroups.users.list': ['usergroups:read'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'files.info': ['files:read'],
};

const CONVERSATION_READ: Readonly<Record<string, string>> = { C: 'channels:read', G: 'groups:read', D: 'im:read' };

export function scopesNeeded(method: string, args: Record<string, unknown>): readonly string[] {
  if (method === 'conversations.info') {
    const kind = typeof args.channel === 'string' ? args.channel.charAt(0) : 'C';
    return [CONVERSATION_READ[kind] ?? 'channels:read'];
  }
  return METHOD_SCOPES[method] ?? [];
}

/** Slack's answer to a token without the method's scope: `missing_scope`, with what was needed and what the token has. */
export function missingScope(method: string, args: Record<string, unknown>, granted: readonly string[]): Reply | undefined {
  const needed = scopesNeeded(method, args);
  if (needed.length === 0 || needed.some((s) => granted.includes(s))) return undefined;
  return fail('missing_scope', { needed: needed.join(','), provided: granted.join(',') });
}

/** Slack sends the token's scopes, and the method's accepted scopes, as headers on every Web API reply. */
export const scopeHeaders = (method: string, args: Record<string, unknown>, granted: readonly string[]): Record<string, string> => ({
  'x-oauth-scopes': granted.join(','),
  'x-accepted-oauth-scopes': scopesNeeded(method, args).join(','),
});

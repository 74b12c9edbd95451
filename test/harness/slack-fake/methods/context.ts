import type { Reply } from '../reply.js';
import type { SlackStore } from '../store.js';

export type Args = Record<string, unknown>;

/** Who the fake workspace and its one bot are; every reply that names them uses these. */
export interface Identity {
  baseUrl: string;
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
}

export interface MethodContext {
  store: SlackStore;
  id: Identity;
}

export type Method = (args: Args, ctx: MethodContext) => Reply;

export const str = (args: Args, key: string): string | undefined => {
  const v = args[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
};

/**
 * A channel argument as Slack resolves it: C…/G… channels are taken as they are, D… only once
 * opened, and a user ID (U…/W…) means the app's DM with that user, opened on the way.
 */
export function resolveChannel(channel: string | undefined, store: SlackStore): string | undefined {
  if (!channel) return undefined;
  if (/^[CG][A-Z0-9_]{2,}$/.test(channel)) return channel;
  if (/^D[A-Z0-9_]{2,}$/.test(channel)) return store.isKnownConversation(channel) ? channel : undefined;
  if (/^[UW][A-Z0-9_]{2,}$/.test(channel)) return store.openConversation([channel]).id;
  return undefined;
}

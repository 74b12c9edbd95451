import { checkMessage } from './block-kit/surfaces.js';
import { DEFAULT_CHANNEL } from './interactions.js';
import type { MethodContext } from './methods/context.js';
import { fail, ok, type Reply } from './reply.js';
import type { ResponseUrlContext } from './types.js';

/**
 * A post to a response_url, as Slack treats it: delete_original removes the message the command
 * or click came from, replace_original rewrites it, anything else is a new message, ephemeral
 * to the user unless response_type is in_channel. Problems answer non-200 statuses (Bolt's
 * respond() throws on those), with the error code in the body.
 */
export function postToResponseUrl(
  where: ResponseUrlContext,
  payload: Record<string, unknown>,
  ctx: MethodContext,
  via: 'response_url' | 'ack' = 'response_url',
): Reply {
  const original = where.message ? ctx.store.findMessage(where.message.channel, where.message.ts) : undefined;
  if (payload.delete_original === true) {
    if (!original) return { ...fail('message_not_found'), status: 404 };
    original.deleted = true;
    return ok();
  }
  const problem = checkMessage(payload);
  if (problem) return { ...problem, status: 400 };
  const text = typeof payload.text === 'string' ? payload.text : '';
  const blocks = Array.isArray(payload.blocks) ? payload.blocks : undefined;
  if (payload.replace_original === true) {
    if (!original) return { ...fail('message_not_found'), status: 404 };
    original.history.push({ text: original.text, ...(original.blocks ? { blocks: original.blocks } : {}) });
    original.text = text;
    if (blocks) original.blocks = blocks;
    else delete original.blocks;
    return ok();
  }
  const channel = where.channel ?? where.message?.channel ?? DEFAULT_CHANNEL;
  const inChannel = payload.response_type === 'in_channel';
  const thread = typeof payload.thread_ts === 'string' ? payload.thread_ts : undefined;
  ctx.store.addMessage({
    channel,
    ts: ctx.store.newTs(),
    user: ctx.id.botUserId,
    text,
    history: [],
    via,
    ...(blocks ? { blocks } : {}),
    ...(thread ? { thread_ts: thread } : {}),
    ...(!inChannel && where.user ? { ephemeralTo: where.user } : {}),
  });
  return ok();
}

/**
 * A slash command's HTTP answer is a message too: Slack shows a plain-text or JSON body to the
 * user like a response_url post (ephemeral unless response_type is in_channel).
 */
export function commandAckPayload(ackBody: string): Record<string, unknown> | undefined {
  if (ackBody.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(ackBody);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // A plain-text body is the message text.
  }
  return { text: ackBody };
}

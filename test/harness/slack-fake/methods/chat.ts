import { checkMessage } from '../block-kit/surfaces.js';
import { fail, ok } from '../reply.js';
import type { MessageRecord } from '../store.js';
import { type Args, type Method, type MethodContext, resolveChannel, str } from './context.js';

/** The message object Slack echoes back from chat.postMessage and chat.update. */
export function botMessage(m: MessageRecord, ctx: MethodContext): Record<string, unknown> {
  return {
    type: 'message',
    user: m.user,
    bot_id: ctx.id.botId,
    app_id: ctx.id.appId,
    team: ctx.id.teamId,
    text: m.text,
    ts: m.ts,
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.attachments ? { attachments: m.attachments } : {}),
    ...(m.metadata ? { metadata: m.metadata } : {}),
  };
}

const content = (args: Args) => ({
  text: str(args, 'text') ?? '',
  ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
  ...(Array.isArray(args.attachments) ? { attachments: args.attachments } : {}),
});

// Unfurl, parse, link_names, icon and username arguments change nothing the bot's tests can see.
const postMessage: Method = (args, ctx) => {
  const channel = resolveChannel(str(args, 'channel'), ctx.store);
  if (!channel) return fail('channel_not_found');
  const absent = ctx.store.postingProblem(channel);
  if (absent) return fail(absent);
  const problem = checkMessage(args);
  if (problem) return problem;
  const thread = str(args, 'thread_ts');
  const m = ctx.store.addMessage({
    channel,
    ts: ctx.store.newTs(),
    user: ctx.id.botUserId,
    ...content(args),
    history: [],
    via: 'chat.postMessage',
    ...(thread ? { thread_ts: thread } : {}),
    ...(args.metadata !== undefined ? { metadata: args.metadata } : {}),
  });
  return ok({ channel, ts: m.ts, message: botMessage(m, ctx) });
};

const postEphemeral: Method = (args, ctx) => {
  const channel = resolveChannel(str(args, 'channel'), ctx.store);
  if (!channel) return fail('channel_not_found');
  const user = str(args, 'user');
  if (!user || !/^[UW][A-Z0-9_]{2,}$/.test(user)) return fail('user_not_in_channel');
  const problem = checkMessage(args);
  if (problem) return problem;
  const thread = str(args, 'thread_ts');
  const m = ctx.store.addMessage({
    channel,
    ts: ctx.store.newTs(),
    user: ctx.id.botUserId,
    ...content(args),
    history: [],
    ephemeralTo: user,
    via: 'chat.postEphemeral',
    ...(thread ? { thread_ts: thread } : {}),
  });
  return ok({ message_ts: m.ts });
};

/** Omitted text or blocks keep the message's current ones (blocks: [] removes them), as Slack does. */
const update: Method = (args, ctx) => {
  const channel = str(args, 'channel') ?? '';
  const absent = ctx.store.postingProblem(channel);
  if (absent) return fail(absent);
  const m = ctx.store.findMessage(channel, str(args, 'ts') ?? '');
  // Ephemeral messages are not in the channel's history, so chat.update cannot find them.
  if (!m || m.ephemeralTo) return fail('message_not_found');
  if (m.user !== ctx.id.botUserId) return fail('cant_update_message');
  const next = {
    text: str(args, 'text') ?? m.text,
    blocks: Array.isArray(args.blocks) ? args.blocks : m.blocks,
    attachments: Array.isArray(args.attachments) ? args.attachments : m.attachments,
  };
  if (args.text === undefined && args.blocks === undefined && args.attachments === undefined) return fail('no_text');
  const problem = checkMessage(next);
  if (problem) return problem;
  m.history.push({ text: m.text, ...(m.blocks ? { blocks: m.blocks } : {}) });
  m.text = next.text;
  if (next.blocks && next.blocks.length > 0) m.blocks = next.blocks;
  else delete m.blocks;
  if (next.attachments) m.attachments = next.attachments;
  return ok({ channel, ts: m.ts, text: m.text, message: botMessage(m, ctx) });
};

const remove: Method = (args, ctx) => {
  const channel = str(args, 'channel') ?? '';
  const m = ctx.store.findMessage(channel, str(args, 'ts') ?? '');
  if (!m || m.ephemeralTo) return fail('message_not_found');
  if (m.user !== ctx.id.botUserId) return fail('cant_delete_message');
  m.deleted = true;
  return ok({ channel, ts: m.ts });
};

export const chatMethods: Record<string, Method> = {
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.delete': remove,
};

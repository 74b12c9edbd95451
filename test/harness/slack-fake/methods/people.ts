import { fail, ok } from '../reply.js';
import type { SlackUser } from '../types.js';
import { type Method, type MethodContext, str } from './context.js';

/** The user object of users.info and users.lookupByEmail, trimmed to the fields apps read. */
function userObject(u: SlackUser, ctx: MethodContext): Record<string, unknown> {
  const name = u.name ?? u.id.toLowerCase();
  return {
    id: u.id,
    team_id: ctx.id.teamId,
    name,
    deleted: false,
    real_name: name,
    is_bot: u.is_bot ?? false,
    is_app_user: false,
    profile: { real_name: name, display_name: name, ...(u.email ? { email: u.email } : {}) },
  };
}

const authTest: Method = (_args, ctx) =>
  ok({
    url: `https://${ctx.id.teamDomain}.slack.com/`,
    team: 'Keybot Test',
    user: 'keybot',
    team_id: ctx.id.teamId,
    user_id: ctx.id.botUserId,
    bot_id: ctx.id.botId,
    is_enterprise_install: false,
  });

const usersInfo: Method = (args, ctx) => {
  const u = ctx.store.users.get(str(args, 'user') ?? '');
  return u ? ok({ user: userObject(u, ctx) }) : fail('user_not_found');
};

const lookupByEmail: Method = (args, ctx) => {
  const email = (str(args, 'email') ?? '').toLowerCase();
  const u = [...ctx.store.users.values()].find((x) => x.email?.toLowerCase() === email);
  return u ? ok({ user: userObject(u, ctx) }) : fail('users_not_found');
};

const groupMembers: Method = (args, ctx) => {
  const members = ctx.store.groups.get(str(args, 'usergroup') ?? '');
  return members ? ok({ users: [...members] }) : fail('no_such_subteam');
};

/** users= opens (or finds) the DM or group DM; channel= resumes one already opened. */
const conversationsOpen: Method = (args, ctx) => {
  const channel = str(args, 'channel');
  if (channel) return ctx.store.isKnownConversation(channel) ? ok({ channel: { id: channel } }) : fail('channel_not_found');
  const users = (str(args, 'users') ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (users.length === 0) return fail('users_list_not_supplied');
  if (users.length > 8) return fail('too_many_users');
  const { id, existed } = ctx.store.openConversation(users);
  return ok({ ...(existed ? { no_op: true, already_open: true } : {}), channel: { id } });
};

/** The channel object apps read: its kind and whether the bot is a member. */
const conversationsInfo: Method = (args, ctx) => {
  const channel = str(args, 'channel') ?? '';
  if (!/^[CGD][A-Z0-9_]{2,}$/.test(channel) || ctx.store.missingChannels.has(channel)) return fail('channel_not_found');
  const member = !ctx.store.botNotIn.has(channel);
  // A private channel the bot is not in is invisible to it.
  if (channel.startsWith('G') && !member) return fail('channel_not_found');
  return ok({
    channel: {
      id: channel,
      name: channel.toLowerCase(),
      is_channel: channel.startsWith('C'),
      is_group: channel.startsWith('G'),
      is_im: channel.startsWith('D'),
      is_private: !channel.startsWith('C'),
      is_archived: false,
      is_member: member,
    },
  });
};

export const peopleMethods: Record<string, Method> = {
  'auth.test': authTest,
  'users.info': usersInfo,
  'users.lookupByEmail': lookupByEmail,
  'usergroups.users.list': groupMembers,
  'conversations.open': conversationsOpen,
  'conversations.info': conversationsInfo,
};

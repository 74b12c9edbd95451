import type { FoundButton } from './find-button.js';
import type { SlackFake, StoredMessage } from './types.js';

export const TEAM_DOMAIN = 'keybot-test';
/** Where commands run, and response_url posts land, when a test names no channel. */
export const DEFAULT_CHANNEL = 'C0GENERAL01';
/** Slack still sends the deprecated verification token; Bolt ignores it and checks the signature. */
const VERIFICATION_TOKEN = 'deprecated-verification-token';

type Workspace = Pick<SlackFake, 'teamId' | 'appId' | 'botUserId' | 'botId'>;

const userOf = (w: Workspace, id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: w.teamId });
const common = (w: Workspace, user: string, triggerId: string) => ({
  user: userOf(w, user),
  api_app_id: w.appId,
  token: VERIFICATION_TOKEN,
  trigger_id: triggerId,
  team: { id: w.teamId, domain: TEAM_DOMAIN },
  enterprise: null,
  is_enterprise_install: false,
});

/**
 * Slack stamps each click to the microsecond, and no two clicks share a stamp: the bot's replay
 * guard tells clicks apart by it. Milliseconds alone made two clicks by one person in the same
 * millisecond look like one delivery sent twice.
 */
let lastActionUs = 0;
const actionTs = (): string => {
  lastActionUs = Math.max(lastActionUs + 1, Math.round((performance.timeOrigin + performance.now()) * 1000));
  return (lastActionUs / 1e6).toFixed(6);
};

function action(b: FoundButton): Record<string, unknown> {
  const { element: el } = b;
  return {
    type: 'button',
    action_id: b.actionId,
    block_id: b.blockId,
    text: el.text,
    action_ts: actionTs(),
    ...(el.value !== undefined ? { value: el.value } : {}),
    ...(el.style !== undefined ? { style: el.style } : {}),
    ...(el.url !== undefined ? { url: el.url } : {}),
  };
}

/** A click in a message. Ephemeral messages are not in the channel, so Slack sends no `message` for them. */
export function messageClick(w: Workspace, m: StoredMessage, b: FoundButton, user: string, triggerId: string, responseUrl: string) {
  const ephemeral = m.ephemeralTo !== undefined;
  return {
    type: 'block_actions',
    ...common(w, user, triggerId),
    container: { type: 'message', message_ts: m.ts, channel_id: m.channel, is_ephemeral: ephemeral },
    channel: { id: m.channel, name: m.channel.startsWith('D') ? 'directmessage' : m.channel.toLowerCase() },
    ...(ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            user: m.user,
            ts: m.ts,
            text: m.text,
            team: w.teamId,
            ...(m.user === w.botUserId ? { bot_id: w.botId, app_id: w.appId } : {}),
            ...(m.blocks ? { blocks: m.blocks } : {}),
            ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
          },
        }),
    state: { values: {} },
    response_url: responseUrl,
    actions: [action(b)],
  };
}

/** A click in a modal or the App Home tab: the view form, with no channel, message or response_url. */
export function viewClick(w: Workspace, view: Record<string, unknown>, b: FoundButton, user: string, triggerId: string) {
  return {
    type: 'block_actions',
    ...common(w, user, triggerId),
    container: { type: 'view', view_id: view.id },
    view,
    actions: [action(b)],
  };
}

export function viewSubmission(w: Workspace, view: Record<string, unknown>, user: string, triggerId: string) {
  return { type: 'view_submission', ...common(w, user, triggerId), view, response_urls: [] };
}

/** The form fields of a slash command, as Slack posts them. */
export function commandFields(
  w: Workspace,
  c: { command: string; text: string; user: string; channel: string; responseUrl: string; triggerId: string },
): Record<string, string> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: w.teamId,
    team_domain: TEAM_DOMAIN,
    channel_id: c.channel,
    channel_name: c.channel.startsWith('D') ? 'directmessage' : c.channel.toLowerCase(),
    user_id: c.user,
    user_name: c.user.toLowerCase(),
    command: c.command,
    text: c.text,
    api_app_id: w.appId,
    is_enterprise_install: 'false',
    response_url: c.responseUrl,
    trigger_id: c.triggerId,
  };
}

let eventSeq = 0;

/** The event_callback envelope of the Events API around one event. */
export function eventEnvelope(w: Workspace, event: Record<string, unknown>) {
  eventSeq += 1;
  const now = Math.floor(Date.now() / 1000);
  return {
    token: VERIFICATION_TOKEN,
    team_id: w.teamId,
    api_app_id: w.appId,
    event: { event_ts: actionTs(), ...event },
    type: 'event_callback',
    event_id: `Ev0FAKE${String(eventSeq).padStart(6, '0')}`,
    event_time: now,
    authorizations: [{ enterprise_id: null, team_id: w.teamId, user_id: w.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

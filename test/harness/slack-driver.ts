import { performance } from 'node:perf_hooks';
import { findButton } from './slack-fake/find-button.js';
import type { SlackFake, StoredMessage } from './slack-fake/index.js';
import { commandFields, DEFAULT_CHANNEL, eventEnvelope, messageClick, viewClick, viewSubmission } from './slack-fake/interactions.js';
import { type StateValues, stateValues } from './slack-fake/state-values.js';
import { signSlackRequest } from './slack-sign.js';

export interface SlackDriver {
  command(
    name: string,
    text: string,
    opts: { user: string; channel?: string },
  ): Promise<{ status: number; body: string; responseUrl: string; ms: number }>;
  /**
   * `blockId` picks one of several buttons sharing a label (an App Home listing many requests).
   * `stale` clicks the message as the caller saw it earlier (a client that has not refreshed yet),
   * even if the app has since removed the button.
   */
  click(
    target: StoredMessage | { view: any },
    label: string,
    opts: { user: string; blockId?: string; stale?: boolean },
  ): Promise<{ status: number; body: string; triggerId: string }>;
  submitView(view: any, values: StateValues, opts: { user: string }): Promise<{ status: number; body: string }>;
  event(event: Record<string, unknown>): Promise<{ status: number; body: string }>;
  raw(body: string, headers: Record<string, string>): Promise<{ status: number; body: string }>;
  /** The last signed request this driver sent, as an eavesdropper would have captured it (replay tests). */
  lastSent(): { body: string; headers: Record<string, string> } | undefined;
}

export interface SlackDriverOptions {
  appUrl: string;
  signingSecret: string;
  fake: SlackFake;
  /** Bolt's receiver path; the app serves commands, interactivity and events on one URL */
  path?: string;
  nowSeconds?: () => number;
}

/** Plays Slack's side of the HTTP conversation: signed slash commands, clicks, submissions and events. */
export function slackDriver(opts: SlackDriverOptions): SlackDriver {
  const { fake } = opts;
  const url = `${opts.appUrl.replace(/\/$/, '')}${opts.path ?? '/slack/events'}`;
  const now = opts.nowSeconds ?? (() => Math.floor(Date.now() / 1000));

  const raw = async (body: string, headers: Record<string, string>) => {
    const res = await fetch(url, { method: 'POST', headers, body });
    return { status: res.status, body: await res.text() };
  };
  let last: { body: string; headers: Record<string, string> } | undefined;
  const signed = (body: string, contentType: string) => {
    last = { body, headers: { 'content-type': contentType, ...signSlackRequest(opts.signingSecret, body, now()) } };
    return raw(body, last.headers);
  };
  const interaction = (payload: unknown) =>
    signed(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');

  return {
    raw,
    lastSent: () => last,
    async command(name, text, o) {
      const channel = o.channel ?? DEFAULT_CHANNEL;
      const responseUrl = fake.responseUrl({ channel, user: o.user });
      const triggerId = fake.issueTriggerId(o.user);
      const fields = commandFields(fake, { command: name, text, user: o.user, channel, responseUrl, triggerId });
      const started = performance.now();
      const res = await signed(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
      const ms = performance.now() - started;
      if (res.status === 200) fake.afterCommand({ channel, user: o.user }, res.body);
      return { ...res, responseUrl, ms };
    },
    async click(target, label, o) {
      const triggerId = fake.issueTriggerId(o.user);
      if ('view' in target) {
        const current = fake.currentView(String(target.view.id));
        if (!current) throw new Error(`view ${String(target.view.id)} is not open any more`);
        const button = findButton(current.view.blocks, label, o.blockId);
        return { ...(await interaction(viewClick(fake, current.view, button, o.user, triggerId))), triggerId };
      }
      const m = fake.message(target.channel, target.ts);
      if (!m) throw new Error(`message ${target.ts} in ${target.channel} was deleted`);
      if (m.ephemeralTo !== undefined && m.ephemeralTo !== o.user) {
        throw new Error(`only ${m.ephemeralTo} sees ephemeral message ${m.ts}; ${o.user} cannot click it`);
      }
      const seen = o.stale ? { ...m, blocks: (target as StoredMessage).blocks } : m;
      const button = findButton(seen.blocks, label, o.blockId);
      const responseUrl = fake.responseUrl({ channel: m.channel, user: o.user, message: { channel: m.channel, ts: m.ts } });
      return { ...(await interaction(messageClick(fake, seen, button, o.user, triggerId, responseUrl))), triggerId };
    },
    async submitView(view, values, o) {
      const current = fake.currentView(String(view.id));
      if (!current) throw new Error(`view ${String(view.id)} is not open any more`);
      const state = stateValues(current.view.blocks, values);
      const payload = viewSubmission(fake, { ...current.view, state: { values: state } }, o.user, fake.issueTriggerId(o.user));
      const res = await interaction(payload);
      if (res.status === 200) {
        const problem = fake.afterViewSubmission(current.id, res.body);
        if (problem) throw new Error(`Slack would refuse the app's view_submission answer: ${problem}`);
      }
      return res;
    },
    event: (event) => signed(JSON.stringify(eventEnvelope(fake, event)), 'application/json'),
  };
}

import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../../src/clock.js';
import { FaultPlan } from './faults.js';
import { TEAM_DOMAIN } from './interactions.js';
import type { Identity, MethodContext } from './methods/context.js';
import { newFileRecord } from './methods/file-records.js';
import { startOtherHost } from './other-host.js';
import { commandAckPayload, postToResponseUrl } from './response-url.js';
import { manifestBotScopes } from './scopes.js';
import { createFakeServer } from './server.js';
import { SocketModeSide } from './socket-mode.js';
import { type MessageRecord, SlackStore } from './store.js';
import type { RecordedCall, SlackFake, SlackFakeOptions, StoredMessage } from './types.js';
import { applyViewResponse } from './view-submission.js';
import { waitFor } from './wait-for.js';

export { DEFAULT_CHANNEL } from './interactions.js';
export type * from './types.js';

/** Copies out of the store, so a test holding a message sees the version it read. */
const snapshot = ({ deleted: _deleted, ...m }: MessageRecord): StoredMessage => structuredClone(m);

/** A fake Slack workspace with one bot, on 127.0.0.1 and a free port. */
export async function startSlackFake(opts: SlackFakeOptions = {}): Promise<SlackFake> {
  const store = new SlackStore(opts.clock ?? systemClock);
  const faults = new FaultPlan();
  const calls: RecordedCall[] = [];
  const botToken = opts.botToken ?? 'xoxb-test-bot-token';
  const appToken = opts.appToken ?? 'xapp-1-A0KEYBOT01-test-app-token';
  store.botScopes = [...(opts.botScopes ?? manifestBotScopes())];
  const id: Identity = {
    baseUrl: '',
    teamId: opts.teamId ?? 'T0TEST0001',
    teamDomain: TEAM_DOMAIN,
    botUserId: 'U0KEYBOT01',
    botId: 'B0KEYBOT01',
    appId: 'A0KEYBOT01',
  };
  const ctx: MethodContext = { store, id };
  const socket = new SocketModeSide(
    () => id.baseUrl.replace(/^http:/, 'ws:'),
    id.appId,
    (c) => calls.push(c),
  );
  const server = createFakeServer({ ctx, faults, botToken, appToken, socket, calls });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  id.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  for (const u of opts.users ?? []) store.users.set(u.id, u);
  const elsewhere = await startOtherHost(store);

  const live = () => store.messages.filter((m) => !m.deleted);
  return {
    apiUrl: `${id.baseUrl}api/`,
    botToken,
    appToken,
    socket,
    get botScopes() {
      return [...store.botScopes];
    },
    setBotScopes: (scopes) => {
      store.botScopes = [...scopes];
    },
    removeBotFrom: (channel) => void store.botNotIn.add(channel),
    inviteBot: (channel) => void store.botNotIn.delete(channel),
    deleteChannel: (channel) => void store.missingChannels.add(channel),
    teamId: id.teamId,
    botUserId: id.botUserId,
    botId: id.botId,
    appId: id.appId,
    calls,
    faults,
    addUser: (u) => void store.users.set(u.id, u),
    addUserGroup: (groupId, userIds) => void store.groups.set(groupId, [...userIds]),
    seedMessage: (m) => snapshot(store.addMessage({ ...m, ts: store.newTs(), history: [], via: 'seed' })),
    messages: (f = {}) =>
      live()
        .filter(
          (m) =>
            (f.channel === undefined || m.channel === f.channel) &&
            (f.thread_ts === undefined || m.thread_ts === f.thread_ts) &&
            (f.ephemeralTo === undefined || m.ephemeralTo === f.ephemeralTo) &&
            (f.where === undefined || f.where(m)),
        )
        .map(snapshot),
    message: (channel, ts) => {
      const m = store.findMessage(channel, ts);
      return m ? snapshot(m) : undefined;
    },
    dms: (userId) => {
      const im = store.imOf(userId);
      return im
        ? live()
            .filter((m) => m.channel === im)
            .map(snapshot)
        : [];
    },
    views: (userId) => store.viewLog.filter((v) => userId === undefined || v.user === userId).map((v) => structuredClone(v)),
    currentView: (viewId) => {
      const v = store.liveViews.get(viewId);
      return v ? structuredClone(v) : undefined;
    },
    responseUrl: (where = {}) => {
      const key = randomBytes(12).toString('hex');
      store.responseUrls.set(key, where);
      return `${id.baseUrl}response/${key}`;
    },
    issueTriggerId: (userId) => {
      const trigger = `${Date.now()}.${randomBytes(6).toString('hex')}`;
      store.triggers.set(trigger, { user: userId, issuedAt: store.clock.now(), used: false });
      return trigger;
    },
    hostFile: (name, content, { on, serve, ...o } = {}) => {
      const origin = on === 'elsewhere' ? { origin: elsewhere.origin } : {};
      const file = newFileRecord(id, store.newId('F'), name, content, { ...o, ...origin, uploaded: true, nowMs: store.clock.now() });
      store.files.set(file.id, { ...file, ...(serve ? { serve } : {}) });
      const { content: _bytes, uploaded: _uploaded, ...shown } = file;
      return shown;
    },
    elsewhere: { origin: elsewhere.origin, requests: elsewhere.requests },
    uploads: () => store.uploads.map((u) => ({ ...u, content: Buffer.from(u.content) })),
    afterViewSubmission: (viewId, ackBody) => applyViewResponse(viewId, ackBody, ctx),
    afterCommand: (where, ackBody) => {
      const payload = commandAckPayload(ackBody);
      if (!payload) return;
      const r = postToResponseUrl(where, payload, ctx, 'ack');
      const error = typeof r.body.error === 'string' ? { error: r.body.error } : {};
      calls.push({ method: 'ack', args: payload, ok: r.body.ok === true, status: r.status, at: Date.now(), ...error });
    },
    waitFor: (pick, o) => waitFor(pick, calls, o),
    // Requests in flight (Bolt's auth.test at start-up, say) still get their answer; idle keep-alive sockets close.
    close: () =>
      new Promise<void>((resolve, reject) => {
        socket.close();
        for (const download of store.openDownloads) download.destroy();
        elsewhere.server.close();
        elsewhere.server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

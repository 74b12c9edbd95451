import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint, Secret } from '../../src/secret.js';
import { sessionsEquivalent } from '../../src/tyk/session.js';
import { type Harness, startHarness } from '../harness/harness.js';
import { findLeaks } from '../harness/secret-scan.js';
import type { StoredMessage } from '../harness/slack-fake/index.js';
import { USERS } from '../harness/users.js';

const RAW = 'billing-ci-key-0001';

const SESSION = {
  alias: 'billing-ci',
  rate: 50,
  per: 1,
  quota_max: -1,
  quota_renewal_rate: -1,
  access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } },
  apply_policies: ['silver-policy'],
  tags: ['billing', 'ci'],
  meta_data: { owner_email: 'owner@example.com', team: 'billing' },
};

let h: Harness;
afterEach(() => h.close());

const ephemeral = (user: string) =>
  h.slack
    .messages({ ephemeralTo: user })
    .map((m) => m.text)
    .join('\n');

/** /rotate-key → approval by an approver → handover; returns the request ID. */
async function rotate(text: string, approver: string = USERS.approver1): Promise<string> {
  const res = await h.driver.command('/rotate-key', text, { user: USERS.requester });
  expect(res.status).toBe(200);
  const summary = await h.until(() => /Requested (req_\S+):/.exec(ephemeral(USERS.requester)), 'the ephemeral summary');
  const id = summary[1] as string;
  const msg = await h.approvalMessage(id);
  await h.driver.click(msg, 'Approve', { user: approver });
  await h.until(() => h.slack.dms(USERS.requester).some((m) => JSON.stringify(m.blocks).includes('"Reveal"')), 'the Reveal DM');
  return id;
}

/** Clicks Reveal in a user's DM and returns the value shown in the modal. */
async function reveal(user: string, dm?: StoredMessage): Promise<string> {
  const message = dm ?? (h.slack.dms(user).find((m) => JSON.stringify(m.blocks).includes('"Reveal"')) as StoredMessage);
  const before = h.slack.views(user).length;
  await h.driver.click(message, 'Reveal', { user });
  const modal = await h.until(() => h.slack.views(user)[before], 'the reveal modal');
  const code = JSON.stringify(modal.view.blocks).match(/```([^`]+)```/);
  return (code?.[1] ?? '').replace(/\\n/g, '');
}

const consumer = (apiId: string, key: string) => h.tyk.consume(apiId, key).status;

describe.each([
  { target: 'gateway' as const, hashKeys: true },
  { target: 'gateway' as const, hashKeys: false },
  { target: 'dashboard' as const, hashKeys: true },
  { target: 'dashboard' as const, hashKeys: false },
])('/rotate-key with a $target, hashing $hashKeys', ({ target, hashKeys }) => {
  it('rotates with a 5-second grace: both keys work, the team is reminded, then only the new key works', async () => {
    h = await startHarness({ target, tyk: { hashKeys, hashKeyFunction: hashKeys ? 'murmur64' : '' }, env: { MIN_GRACE: '1s' } });
    h.tyk.seedKey({ raw: RAW, session: SESSION });
    expect(consumer('orders-api', RAW)).toBe(200);

    const id = await rotate(`${RAW} --grace 5s --reason "quarterly rotation"`);
    const approval = JSON.stringify((await h.approvalMessage(id)).blocks);
    for (const shown of ['billing-ci', 'fp:', 'silver-policy', 'Orders', 'never', '5s', 'quarterly rotation', `<@${USERS.requester}>`])
      expect(approval).toContain(shown);

    const newKey = await reveal(USERS.requester);
    expect(newKey.length).toBeGreaterThan(20);
    expect(consumer('orders-api', newKey)).toBe(200);
    expect(consumer('orders-api', RAW)).toBe(200); // both work during the grace period
    // What a consumer gets from each key: Tyk's policy-merged view of both must match.
    const keys = h.bot.tyk.keys;
    const oldView = await keys.get({ raw: new Secret(RAW), orgId: keys.orgId });
    const newView = await keys.get({ token: new Secret(newKey) });
    expect(oldView && newView && sessionsEquivalent(oldView, { ...newView, meta_data: oldView.meta_data })).toEqual([]);
    expect(newView?.meta_data).toEqual({ ...SESSION.meta_data, keybot_rotation: id, keybot_rotated_from: fingerprint(RAW) });
    expect(newView).toMatchObject({ alias: 'billing-ci', apply_policies: ['silver-policy'], tags: ['billing', 'ci'] });
    expect(h.slack.dms(USERS.owner).some((m) => JSON.stringify(m.blocks).includes('"Reveal"'))).toBe(true);

    const reminder = await h.until(
      () => h.slack.messages({ channel: h.config.notifyChannel }).find((m) => m.text.includes('retires at')),
      'the reminder',
    );
    for (const label of ['Extend grace', 'Retire now', 'Cancel']) expect(JSON.stringify(reminder.blocks)).toContain(`"text":"${label}"`);
    expect(h.slack.messages({ channel: h.config.approvalChannel }).some((m) => m.thread_ts && m.text.includes('retires at'))).toBe(true);

    // The old key was used above; with a Dashboard, analytics would (rightly) hold retirement for an
    // hour after that use. Nobody uses it for the next hour: then it is retired.
    h.clock.advance('61m');
    await h.until(() => h.bot.store.requests.get(id)?.status === 'succeeded', 'retirement');
    h.clock.advance('6s'); // `expire` sets the expiry a few seconds ahead
    expect(consumer('orders-api', RAW)).toBe(401);
    expect(consumer('orders-api', newKey)).toBe(200);

    const events = h.bot.store.history.forRequest(id).map((e) => e.event);
    expect(events).toEqual(
      expect.arrayContaining([
        'requested',
        'approved',
        'started',
        'new-key-created',
        'handed-over',
        'retirement-scheduled',
        'reminded',
        'revealed',
        'retired',
      ]),
    );
    expect(findLeaks(h, [RAW, newKey])).toEqual([]);
  });
});

describe('/rotate-key', () => {
  it('shows the value once: a second Reveal and an outsider get nothing secret', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1s' } });
    h.tyk.seedKey({ raw: RAW, session: SESSION });
    const id = await rotate(`${RAW} --grace 1h`);
    const dm = h.slack.dms(USERS.requester).find((m) => JSON.stringify(m.blocks).includes('"Reveal"')) as StoredMessage;
    await h.driver.click(dm, 'Reveal', { user: USERS.outsider }).catch(() => undefined);
    const value = await reveal(USERS.requester, dm);
    expect(value.length).toBeGreaterThan(20);
    // The modal is open; the bot erases the value once Slack has answered its views.open. A click
    // before that is told the value is being shown; this one comes after.
    await h.until(() => h.bot.store.history.forRequest(id).some((e) => e.event === 'revealed'), 'the value erased');
    const views = h.slack.views(USERS.requester).length;
    await h.driver.click(dm, 'Reveal', { user: USERS.requester });
    await h.until(() => ephemeral(USERS.requester).includes('This value is gone'), 'the second-click answer');
    expect(h.slack.views(USERS.requester)).toHaveLength(views);
    expect(h.slack.views(USERS.outsider)).toHaveLength(0);
    expect(findLeaks(h, [RAW, value])).toEqual([]);
    expect(h.bot.store.history.forRequest(id).filter((e) => e.event === 'revealed')).toHaveLength(1);
  });

  it('erases an unrevealed key after REVEAL_TTL; a later click says it is gone', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1s', REVEAL_TTL: '1h' } });
    h.tyk.seedKey({ raw: RAW, session: SESSION });
    const id = await rotate(`${RAW} --grace 2h`);
    h.clock.advance('61m');
    await h.settle();
    const dm = h.slack.dms(USERS.requester).find((m) => JSON.stringify(m.blocks).includes('"Reveal"')) as StoredMessage;
    await h.driver.click(dm, 'Reveal', { user: USERS.requester });
    await h.until(() => ephemeral(USERS.requester).includes('This value is gone'), 'the answer');
    expect(h.slack.views(USERS.requester)).toHaveLength(0);
    expect(h.bot.store.history.forRequest(id).map((e) => e.event)).toContain('reveal-expired');
  });

  it('refuses an unknown key, a retired key and a key already being rotated, with no request', async () => {
    h = await startHarness();
    h.tyk.seedKey({ raw: RAW, session: SESSION });
    h.tyk.seedKey({ raw: 'expired-key-0002', session: { ...SESSION, expires: Math.floor(h.clock.now() / 1000) - 60 } });
    await h.driver.command('/rotate-key', 'no-such-key-0003', { user: USERS.requester });
    await h.until(() => ephemeral(USERS.requester).includes('No key in Tyk matches'), 'unknown-key answer');
    await h.driver.command('/rotate-key', RAW, { user: USERS.requester });
    await h.until(() => ephemeral(USERS.requester).includes('Requested req_'), 'the first request');
    await h.driver.command('/rotate-key', RAW, { user: USERS.requester });
    await h.until(() => ephemeral(USERS.requester).includes('already in progress'), 'in-progress answer');
    expect(h.bot.store.requests.byRequester(USERS.requester)).toHaveLength(1);
    expect(ephemeral(USERS.requester)).not.toContain(RAW);
    expect(ephemeral(USERS.requester)).not.toContain('no-such-key-0003');
  });

  it('refuses, with no request, a key of another org given by its key ID (/rotate-key and /revoke-key)', async () => {
    h = await startHarness();
    const foreign = h.tyk.seedKey({ raw: 'other-org-key-0004', orgId: 'org-someone-else', session: SESSION });
    await h.driver.command('/rotate-key', foreign.token, { user: USERS.requester });
    await h.until(() => ephemeral(USERS.requester).includes('belongs to org org-someone-else'), 'the rotate refusal');
    await h.driver.command('/revoke-key', `${foreign.token} --reason "leaked"`, { user: USERS.requester });
    await h.until(() => ephemeral(USERS.requester).split('belongs to org org-someone-else').length === 3, 'the revoke refusal');
    expect(ephemeral(USERS.requester)).toContain(`not the bot's org ${h.config.tyk.orgId}`);
    expect(ephemeral(USERS.requester)).toContain(fingerprint(foreign.token));
    expect(ephemeral(USERS.requester)).not.toContain(foreign.token);
    expect(h.bot.store.requests.byRequester(USERS.requester)).toHaveLength(0);
  });

  it('rejects a grace outside MIN_GRACE..MAX_GRACE and answers help', async () => {
    h = await startHarness();
    await h.driver.command('/rotate-key', `${RAW} --grace 5m`, { user: USERS.requester });
    await h.until(() => ephemeral(USERS.requester).includes('shorter than MIN_GRACE; choose between 1h to 90d'), 'grace refusal');
    await h.driver.command('/rotate-key', 'help', { user: USERS.requester });
    await h.until(() => ephemeral(USERS.requester).includes('Usage: `/rotate-key KEY'), 'usage');
    expect(h.bot.store.requests.byRequester(USERS.requester)).toHaveLength(0);
  });
});

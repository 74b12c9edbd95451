import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { ephemeral, latestNotice, revealValue } from '../harness/rotation-steps.js';
import { findLeaks } from '../harness/secret-scan.js';
import type { StoredMessage } from '../harness/slack-fake/index.js';
import { USERS } from '../harness/users.js';

const RAW = 'leaked-partner-key-0001';
const grant = { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } };
/** A quota: each call marks the session modified, so the gateway's session cache writes it back (docs/tyk-behaviour.md 4.1). */
const WITH_QUOTA = { alias: 'partner', rate: 100, per: 60, quota_max: 1000, quota_renewal_rate: 3600, access_rights: grant };

let h: Harness;
afterEach(() => h.close());

const status = (id: string) => h.bot.store.requests.get(id)?.status;
const events = (id: string) => h.bot.store.history.forRequest(id).map((e) => e.event);
const consumer = (key: string) => h.tyk.consume('orders-api', key).status;

/** A slash command by `user`; returns the drafted request's ID and its approval message. */
async function ask(command: string, text: string, user: string = USERS.requester): Promise<{ id: string; msg: StoredMessage }> {
  await h.driver.command(command, text, { user });
  const m = await h.until(() => /Requested (req_\S+):/.exec(ephemeral(h, user)), `the answer to ${command}`);
  const id = m[1] as string;
  return { id, msg: await h.approvalMessage(id) };
}

/** Moves the shared clock one second at a time, running what falls due, as a scheduler ticking every second would. */
async function seconds(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    h.clock.advance('1s');
    await h.settle();
  }
}

const reviewMessages = () =>
  h.slack
    .messages({ channel: h.config.approvalChannel })
    .filter((m) => !m.thread_ts && JSON.stringify(m.blocks ?? []).includes('"Acknowledge"'));

describe('/rotate-key --now', () => {
  it('retires the old key at approval, re-checks past the session cache until it is refused, and tells the thread and requester', async () => {
    h = await startHarness();
    h.tyk.seedKey({ raw: RAW, session: WITH_QUOTA });
    expect(consumer(RAW)).toBe(200); // the leaked key is in use: the gateway caches its session
    const { id, msg } = await ask('/rotate-key', `${RAW} --now --reason "pushed to a public repository"`);
    expect(msg.text.startsWith('EMERGENCY')).toBe(true);
    expect(JSON.stringify(msg.blocks)).toContain('the old key stops working as soon as this is approved');

    await h.driver.click(msg, 'Approve', { user: USERS.approver1 });
    await h.until(() => status(id) === 'succeeded', 'the emergency rotation');
    const newKey = await revealValue(h, USERS.requester);
    expect(consumer(newKey)).toBe(200);

    await seconds(3);
    expect(consumer(RAW)).toBe(200); // served from the cache, and written back: the retirement is undone
    await seconds(12);
    expect(events(id)).toContain('retirement-reapplied');
    expect(consumer(RAW)).toBe(401); // 15 s after approval
    expect(consumer(newKey)).toBe(200);

    await seconds(15);
    expect(events(id)).toContain('confirmed-dead');
    const dead = /The old key partner fp:[0-9a-f]{8} is dead/;
    expect(h.slack.messages({ channel: h.config.approvalChannel }).some((m) => m.thread_ts === msg.ts && dead.test(m.text))).toBe(true);
    expect(h.slack.dms(USERS.requester).some((m) => dead.test(m.text))).toBe(true);

    expect(events(id)).not.toContain('reminded');
    expect(h.bot.store.jobs.forRequest(id).filter((j) => j.step === 'remind')).toEqual([]);
    expect(h.slack.messages().some((m) => m.text.includes('retires at'))).toBe(false);
    expect(findLeaks(h, [RAW, newKey])).toEqual([]);
  });

  it('refuses --now without a reason, and --now with --grace, with no request', async () => {
    h = await startHarness();
    h.tyk.seedKey({ raw: RAW, session: WITH_QUOTA });
    await h.driver.command('/rotate-key', `${RAW} --now`, { user: USERS.requester });
    await h.until(() => ephemeral(h, USERS.requester).includes('A reason is required: add --reason'), 'the reason refusal');
    await h.driver.command('/rotate-key', `--now ${RAW} --grace 1d --reason "leaked"`, { user: USERS.requester });
    await h.until(() => ephemeral(h, USERS.requester).includes('takes no --grace'), 'the --grace refusal');
    await h.driver.command('/revoke-key', RAW, { user: USERS.requester });
    await h.until(() => ephemeral(h, USERS.requester).split('A reason is required').length === 3, 'the /revoke-key reason refusal');
    expect(h.bot.store.requests.byRequester(USERS.requester)).toHaveLength(0);
    expect(ephemeral(h, USERS.requester)).not.toContain(RAW);
  });
});

describe('/revoke-key', () => {
  it('retires the key with no replacement; Restore brings it back (OLD_KEY_ACTION=expire)', async () => {
    h = await startHarness();
    h.tyk.seedKey({ raw: RAW, session: WITH_QUOTA });
    const { id, msg } = await ask('/revoke-key', `${RAW} --reason "in a screenshot"`);
    expect(msg.text.startsWith('EMERGENCY')).toBe(true);
    expect(JSON.stringify(msg.blocks)).toContain('No new key is made');
    await h.driver.click(msg, 'Approve', { user: USERS.outsider }); // an outsider's click changes nothing
    await h.until(() => ephemeral(h, USERS.outsider).includes('Only approvers'), 'the outsider refusal');
    expect(status(id)).toBe('pending');

    await h.driver.click(msg, 'Approve', { user: USERS.approver1 });
    await h.until(() => status(id) === 'succeeded', 'the revocation');
    await seconds(6);
    expect(consumer(RAW)).toBe(401);
    expect(h.tyk.keys()).toHaveLength(1); // no new key
    expect(h.slack.dms(USERS.requester).some((m) => JSON.stringify(m.blocks).includes('"Reveal"'))).toBe(false);
    await seconds(10);
    expect(h.slack.dms(USERS.requester).some((m) => /The key partner fp:[0-9a-f]{8} is dead/.test(m.text))).toBe(true);

    const result = latestNotice(h, /expired/) as StoredMessage;
    expect(result.text).not.toContain('replacement works');
    await h.driver.click(result, 'Restore', { user: USERS.approver2 });
    await h.until(() => events(id).includes('restored'), 'the restore');
    await seconds(11);
    expect(consumer(RAW)).toBe(200);
    expect(findLeaks(h, [RAW])).toEqual([]);
  });

  it('deletes the key when OLD_KEY_ACTION is not expire', async () => {
    h = await startHarness({ env: { OLD_KEY_ACTION: 'deactivate' } });
    h.tyk.seedKey({ raw: RAW, session: WITH_QUOTA });
    const { id, msg } = await ask('/revoke-key', `${RAW} --reason "in a log"`);
    await h.driver.click(msg, 'Approve', { user: USERS.approver1 });
    await h.until(() => status(id) === 'succeeded', 'the revocation');
    expect(consumer(RAW)).toBe(403);
    expect(h.tyk.keys()).toHaveLength(0);
    expect(JSON.stringify(latestNotice(h, /deleted/)?.blocks)).not.toContain('"Restore"');
  });
});

describe('BREAK_GLASS', () => {
  it('lets an approver approve their own emergency; another approver acknowledges the review, nobody else', async () => {
    h = await startHarness({ env: { BREAK_GLASS: 'true', BREAK_GLASS_REVIEW: '8h' } });
    h.tyk.seedKey({ raw: RAW, session: WITH_QUOTA });
    const { id, msg } = await ask('/revoke-key', `${RAW} --reason "leaked, nobody else awake"`, USERS.approver1);
    await h.driver.click(msg, 'Approve', { user: USERS.approver1 });
    await h.until(() => status(id) === 'succeeded', 'the self-approved revocation');
    const review = await h.until(() => reviewMessages()[0], 'the review message');
    expect(review.text).toContain(`<@${USERS.approver1}> approved their own request ${id}`);

    await h.driver.click(review, 'Acknowledge', { user: USERS.outsider });
    await h.until(() => ephemeral(h, USERS.outsider).includes('Only approvers can acknowledge'), 'the outsider refusal');
    await h.driver.click(review, 'Acknowledge', { user: USERS.approver1 });
    await h.until(() => ephemeral(h, USERS.approver1).includes('another approver has to acknowledge'), 'the self refusal');
    expect(events(id)).not.toContain('break-glass-acknowledged');

    h.clock.advance('2h');
    await h.until(() => reviewMessages().length === 2, 'a reminder');
    await h.driver.click(review, 'Acknowledge', { user: USERS.approver2 });
    await h.until(() => events(id).includes('break-glass-acknowledged'), 'the acknowledgement');
    expect(JSON.stringify(h.slack.message(review.channel, review.ts)?.blocks)).not.toContain('"Acknowledge"');
    h.clock.advance('8h');
    await h.settle();
    expect(reviewMessages()).toHaveLength(1); // the reminder; the acknowledged one lost its button, and no more came
    expect(h.slack.messages().some((m) => m.text.includes('not acknowledged'))).toBe(false);
  });

  it('says so in the channel when BREAK_GLASS_REVIEW passes unacknowledged', async () => {
    h = await startHarness({ env: { BREAK_GLASS: 'true' } });
    h.tyk.seedKey({ raw: RAW, session: WITH_QUOTA });
    const { id, msg } = await ask('/rotate-key', `${RAW} --now --reason "leaked"`, USERS.approver1);
    await h.driver.click(msg, 'Approve', { user: USERS.approver1 });
    await h.until(() => status(id) === 'succeeded', 'the self-approved rotation');
    for (const step of ['6h', '6h', '6h', '6h']) {
      h.clock.advance(step);
      await h.settle();
    }
    expect(reviewMessages()).toHaveLength(4); // the review and three reminders
    const lapsed = h.slack
      .messages({ channel: h.config.approvalChannel })
      .filter((m) => m.text.includes('not acknowledged within BREAK_GLASS_REVIEW'));
    expect(lapsed).toHaveLength(1);
    expect(events(id)).toContain('break-glass-unreviewed');
  });

  it('without BREAK_GLASS an approver cannot approve their own emergency, and with it not their own normal rotation', async () => {
    h = await startHarness();
    h.tyk.seedKey({ raw: RAW, session: WITH_QUOTA });
    const { id, msg } = await ask('/revoke-key', `${RAW} --reason "leaked"`, USERS.approver1);
    await h.driver.click(msg, 'Approve', { user: USERS.approver1 });
    await h.until(() => ephemeral(h, USERS.approver1).includes('yourself, so another approver has to decide it'), 'the refusal');
    expect(status(id)).toBe('pending');
    expect(consumer(RAW)).toBe(200);
    await h.close();

    h = await startHarness({ env: { BREAK_GLASS: 'true' } });
    h.tyk.seedKey({ raw: RAW, session: WITH_QUOTA });
    const normal = await ask('/rotate-key', `${RAW} --reason "quarterly"`, USERS.approver1);
    await h.driver.click(normal.msg, 'Approve', { user: USERS.approver1 });
    await h.until(() => ephemeral(h, USERS.approver1).includes('yourself, so another approver has to decide it'), 'the refusal');
    expect(status(normal.id)).toBe('pending');
    expect(reviewMessages()).toHaveLength(0);
  });
});

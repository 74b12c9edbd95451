import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { requestRotation } from '../harness/rotation-steps.js';
import { NOTIFY_CHANNEL, USERS } from '../harness/users.js';

const RAW = 'undeliverable-key-0001';
const grant = { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } };

let h: Harness;
afterEach(() => h.close());

/** Lets the clock run in steps, so any retry of a failed job would come due and run. */
async function letTimePass(minutes: number) {
  for (let i = 0; i < minutes; i++) {
    h.clock.advance('1m');
    await h.settle();
  }
}

describe('Slack errors that cannot heal', () => {
  it('a reminder to a channel the bot was removed from fails once, and the requester and the approval thread are told', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m', REMINDERS: '1h' } });
    h.tyk.seedKey({ raw: RAW, session: { alias: 'partner', access_rights: grant } });
    const id = await requestRotation(h, `${RAW} --grace 2h`);
    h.slack.removeBotFrom(NOTIFY_CHANNEL); // after start-up, which would have refused it
    h.clock.advance('60m'); // the 1h reminder is due
    await letTimePass(30); // far past every retry delay, still before retirement

    const refused = h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === NOTIFY_CHANNEL && !c.ok);
    expect(refused.map((c) => c.error)).toEqual(['not_in_channel']);
    const notify = h.bot.store.jobs.forRequest(id).filter((j) => j.step === 'notify');
    expect(notify.find((j) => j.status === 'failed')?.attempts).toBe(1);

    const why = `the bot is not in ${NOTIFY_CHANNEL} (NOTIFY_CHANNEL): /invite @keybot in that channel`;
    const told = `did not reach Slack, and will not be retried: ${why}`;
    expect(h.slack.dms(USERS.requester).some((m) => m.text.includes(told))).toBe(true);
    const approval = await h.approvalMessage(id);
    const thread = h.slack.messages({ channel: h.config.approvalChannel, thread_ts: approval.ts });
    expect(thread.some((m) => m.text.includes(told))).toBe(true);
    expect(h.logs.text()).toContain(why);
  });

  it('when the approval channel itself refuses, the requester is told and the log says so, without posting there again', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m', REMINDERS: '1h' } });
    h.tyk.seedKey({ raw: RAW, session: { alias: 'partner', access_rights: grant } });
    const before = h.slack.calls.length;
    h.slack.removeBotFrom(h.config.approvalChannel);
    await h.driver.command('/rotate-key', `${RAW} --grace 2h`, { user: USERS.requester });
    await h.until(() => h.slack.dms(USERS.requester).some((m) => m.text.includes('did not reach Slack')), 'the requester told');
    await letTimePass(10);
    const refused = h.slack.calls.slice(before).filter((c) => c.args.channel === h.config.approvalChannel && !c.ok);
    expect(refused.map((c) => c.error)).toEqual(['not_in_channel']);
    expect(h.logs.text()).toContain(`the bot is not in ${h.config.approvalChannel} (APPROVAL_CHANNEL)`);
  });
});

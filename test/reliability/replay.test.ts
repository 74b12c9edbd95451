import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { latestNotice, requestRotation } from '../harness/rotation-steps.js';
import { signSlackRequest } from '../harness/slack-sign.js';
import { USERS } from '../harness/users.js';

let h: Harness;
afterEach(() => h.close());

const RAW = 'replay-test-key-0001';
const NO_QUOTA = {
  alias: 'replayed',
  quota_max: -1,
  quota_renewal_rate: -1,
  access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } },
};

const extensions = (id: string) => h.bot.store.history.forRequest(id).filter((e) => e.event === 'grace-extended').length;
const retireDue = (id: string) => h.bot.store.jobs.forRequest(id).find((j) => j.step === 'retire' && j.status === 'pending')?.dueAt;

/** A rotation in its grace period, and the Extend grace submission an eavesdropper captured (body and headers). */
async function capturedExtendGrace() {
  h = await startHarness({ env: { MIN_GRACE: '1m' } });
  h.tyk.seedKey({ raw: RAW, session: NO_QUOTA });
  const id = await requestRotation(h, `${RAW} --grace 2h`);
  h.clock.advance('1h'); // the 1h reminder carries Extend grace
  const reminder = await h.until(() => latestNotice(h, /retires at/), 'the reminder');
  await h.driver.click(reminder, 'Extend grace', { user: USERS.requester });
  const modal = await h.until(() => h.slack.views(USERS.requester).at(-1), 'the extend modal');
  const values = { extend_by: { extend_by_input: { type: 'plain_text_input', value: '1d' } } };
  expect((await h.driver.submitView(modal.view, values, { user: USERS.requester })).status).toBe(200);
  await h.until(() => extensions(id) === 1, 'the one extension');
  const captured = h.driver.lastSent();
  if (!captured) throw new Error('nothing was sent');
  return { id, captured, due: retireDue(id) };
}

describe('replayed Slack deliveries change nothing', () => {
  it('refuses altered signature headers before Bolt, and drops exact and re-signed replays', async () => {
    const { id, captured, due } = await capturedExtendGrace();
    const { body, headers } = captured;
    const sig = headers['x-slack-signature'] as string;
    const ts = headers['x-slack-request-timestamp'] as string;
    for (const altered of [
      { ...headers, 'x-slack-signature': `${sig}=junk` },
      { ...headers, 'x-slack-signature': `${sig}=` },
      { ...headers, 'x-slack-request-timestamp': `0${ts}` },
      { ...headers, 'x-slack-signature': sig.toUpperCase().replace('V0=', 'v0=') },
    ]) {
      expect((await h.driver.raw(body, altered)).status, JSON.stringify(altered)).toBe(401);
    }
    expect((await h.driver.raw(body, headers)).status).toBe(200); // the exact copy: acked, dropped
    // Signed again (as Slack would for a re-delivery): a new signature, the same trigger_id and view.
    const resigned = { ...headers, ...signSlackRequest('test-signing-secret', body, Number(ts) + 1) };
    expect((await h.driver.raw(body, resigned)).status).toBe(200);
    await h.settle();
    expect(extensions(id)).toBe(1);
    expect(retireDue(id)).toBe(due);
    expect(h.logs.text()).toContain('non-canonical signature headers refused');
    expect(h.logs.text()).toContain('replayed Slack request dropped');
    // a wrong signature in the canonical form: Bolt refuses it
    expect((await h.driver.raw(body, { ...headers, 'x-slack-signature': `v0=${'0'.repeat(64)}` })).status).toBe(401);
    // refused, replayed and handled deliveries alike stopped counting as waiting: no work is held back by them
    expect(h.bot.acks.waiting).toBe(0);
  });

  it('remembers handled deliveries across a restart on the same database file', async () => {
    const { id, captured, due } = await capturedExtendGrace();
    await h.restart();
    expect((await h.driver.raw(captured.body, captured.headers)).status).toBe(200);
    const ts = Number(captured.headers['x-slack-request-timestamp']);
    const resigned = { ...captured.headers, ...signSlackRequest('test-signing-secret', captured.body, ts + 2) };
    expect((await h.driver.raw(captured.body, resigned)).status).toBe(200);
    await h.settle();
    expect(extensions(id)).toBe(1);
    expect(retireDue(id)).toBe(due);
    expect(h.logs.text()).toContain('replayed Slack request dropped');
  });

  it('takes a form corrected after a field error: that is not a replay', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m' } });
    h.tyk.seedKey({ raw: RAW, session: NO_QUOTA });
    const id = await requestRotation(h, `${RAW} --grace 2h`);
    h.clock.advance('1h');
    const reminder = await h.until(() => latestNotice(h, /retires at/), 'the reminder');
    await h.driver.click(reminder, 'Extend grace', { user: USERS.requester });
    const modal = await h.until(() => h.slack.views(USERS.requester).at(-1), 'the extend modal');
    const input = (value: string) => ({ extend_by: { extend_by_input: { type: 'plain_text_input', value } } });
    const wrong = await h.driver.submitView(modal.view, input('soon'), { user: USERS.requester });
    expect(wrong.body).toContain('errors');
    await h.driver.submitView(modal.view, input('1d'), { user: USERS.requester });
    await h.until(() => extensions(id) === 1, 'the extension after the correction');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { signSlackRequest } from '../harness/slack-sign.js';
import { testDraft, testWorkflow } from '../harness/test-workflow.js';
import { USERS } from '../harness/users.js';

let h: Harness;
let runs: string[];

beforeEach(async () => {
  const t = testWorkflow();
  runs = t.runs;
  h = await startHarness({ workflows: [t.definition] });
});
afterEach(() => h.close());

const draft = async () => {
  const r = h.bot.workflows.engine.draft(testDraft(USERS.requester));
  await h.settle();
  return { r, msg: await h.approvalMessage(r.id) };
};

const ephemeralTo = (user: string) =>
  h.slack
    .messages({ ephemeralTo: user })
    .map((m) => m.text)
    .join('\n');

describe('approvals', () => {
  it('posts the request in APPROVAL_CHANNEL with what, who, why and the two buttons', async () => {
    const { r, msg } = await draft();
    expect(msg.channel).toBe(h.config.approvalChannel);
    const text = JSON.stringify(msg.blocks);
    expect(text).toContain('Test change');
    expect(text).toContain(`<@${USERS.requester}>`);
    expect(text).toContain('testing the approval flow');
    expect(text).toContain('"text":"Approve"');
    expect(text).toContain('"text":"Reject"');
    expect(h.bot.store.requests.get(r.id)?.status).toBe('pending');
  });

  it('runs the request once an approver approves, and updates the message', async () => {
    const { r, msg } = await draft();
    const res = await h.driver.click(msg, 'Approve', { user: USERS.approver1 });
    expect(res.status).toBe(200);
    await h.until(() => runs.length > 0, 'the request to run');
    expect(runs).toEqual([r.id]);
    expect(h.bot.store.requests.get(r.id)?.status).toBe('succeeded');
    const updated = h.slack.message(msg.channel, msg.ts);
    expect(JSON.stringify(updated?.blocks)).not.toContain('"text":"Approve"');
    expect(JSON.stringify(updated?.blocks)).toContain(`Approved* by <@${USERS.approver1}>`.replace('*', ''));
    expect(h.bot.store.history.forRequest(r.id).map((e) => e.event)).toEqual(['requested', 'approved', 'succeeded']);
  });

  it('accepts an approver who is only a member of an APPROVERS user group', async () => {
    const { r, msg } = await draft();
    await h.driver.click(msg, 'Approve', { user: USERS.groupApprover });
    await h.until(() => runs.length > 0, 'the request to run');
    expect(runs).toEqual([r.id]);
  });

  it('asks for a reason on Reject and tells the requester; nothing runs', async () => {
    const { r, msg } = await draft();
    await h.driver.click(msg, 'Reject', { user: USERS.approver1 });
    const modal = await h.slack.waitFor(() => h.slack.views(USERS.approver1).at(-1), { what: 'reject modal' });
    const sub = await h.driver.submitView(
      modal.view,
      { reason: { reason_input: { type: 'plain_text_input', value: 'not during the freeze' } } },
      { user: USERS.approver1 },
    );
    expect(sub.status).toBe(200);
    await h.settle();
    expect(h.bot.store.requests.get(r.id)?.status).toBe('rejected');
    expect(runs).toEqual([]);
    const dm = h.slack
      .dms(USERS.requester)
      .map((m) => m.text)
      .join('\n');
    expect(dm).toContain('was rejected by');
    expect(dm).toContain('not during the freeze');
    expect(JSON.stringify(h.slack.message(msg.channel, msg.ts)?.blocks)).toContain('not during the freeze');
  });

  it('refuses an approver approving their own request, saying why and changing nothing', async () => {
    const r = h.bot.workflows.engine.draft(testDraft(USERS.approver1));
    await h.settle();
    const msg = await h.approvalMessage(r.id);
    await h.driver.click(msg, 'Approve', { user: USERS.approver1 });
    await h.until(() => ephemeralTo(USERS.approver1).includes('another approver has to decide it'), 'self-approval refusal');
    expect(runs).toEqual([]);
    expect(h.bot.store.requests.get(r.id)?.status).toBe('pending');
  });

  it('refuses an outsider and any click after the decision, saying why and changing nothing', async () => {
    const { r, msg } = await draft();
    await h.driver.click(msg, 'Approve', { user: USERS.outsider });
    await h.driver.click(msg, 'Reject', { user: USERS.outsider });
    await h.driver.click(msg, 'Approve', { user: USERS.requester });
    await h.until(
      () =>
        (ephemeralTo(USERS.outsider).match(/Only approvers can/g) ?? []).length === 2 &&
        ephemeralTo(USERS.requester).includes('Only approvers'),
      'refusals',
    );
    expect(runs).toEqual([]);
    expect(h.bot.store.requests.get(r.id)?.status).toBe('pending');
    await h.driver.click(msg, 'Approve', { user: USERS.approver1 });
    await h.until(() => runs.length === 1, 'the request to run');
    await h.driver.click(msg, 'Approve', { user: USERS.approver2, stale: true });
    await h.driver.click(msg, 'Reject', { user: USERS.approver2, stale: true });
    await h.until(
      () => (ephemeralTo(USERS.approver2).match(/was already (approved|running|succeeded)/g) ?? []).length === 2,
      'already-decided answers',
    );
    expect(runs).toEqual([r.id]);
    expect(h.bot.store.history.forRequest(r.id).filter((e) => e.event === 'approved')).toHaveLength(1);
  });

  it('runs a request exactly once when ten approvers click Approve at the same moment', async () => {
    const { r, msg } = await draft();
    const clickers = [
      USERS.approver1,
      USERS.approver2,
      USERS.groupApprover,
      USERS.approver1,
      USERS.approver2,
      USERS.groupApprover,
      USERS.approver1,
      USERS.approver2,
      USERS.groupApprover,
      USERS.approver1,
    ];
    const results = await Promise.all(clickers.map((user) => h.driver.click(msg, 'Approve', { user, stale: true })));
    expect(results.every((x) => x.status === 200)).toBe(true);
    await h.until(() => h.slack.messages().filter((m) => m.ephemeralTo).length >= 9, 'an answer to every other click');
    expect(runs).toEqual([r.id]);
    expect(h.bot.store.jobs.forRequest(r.id).filter((j) => j.step === 'execute')).toHaveLength(1);
  });

  it('expires a request nobody decided within REQUEST_TTL and tells the requester', async () => {
    const { r, msg } = await draft();
    h.clock.advance('24h');
    await h.settle();
    expect(h.bot.store.requests.get(r.id)?.status).toBe('expired');
    expect(
      h.slack
        .dms(USERS.requester)
        .map((m) => m.text)
        .join(),
    ).toContain('expired');
    await h.driver.click(msg, 'Approve', { user: USERS.approver1, stale: true });
    await h.until(() => ephemeralTo(USERS.approver1).includes('was already expired'), 'the refusal of a late click');
    expect(runs).toEqual([]);
  });

  it('answers a forged signature and a timestamp older than 5 minutes with 401 and changes nothing', async () => {
    const { r, msg } = await draft();
    const payload = JSON.stringify({
      type: 'block_actions',
      user: { id: USERS.approver1 },
      actions: [{ action_id: 'approve', value: r.id, type: 'button' }],
      trigger_id: 't',
      team: { id: 'T0TEST0001' },
      api_app_id: 'A0KEYBOT01',
      container: { type: 'message', message_ts: msg.ts, channel_id: msg.channel },
      channel: { id: msg.channel },
    });
    const body = `payload=${encodeURIComponent(payload)}`;
    const now = Math.floor(Date.now() / 1000);
    const forged = await h.driver.raw(body, {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest('wrong-secret', body, now),
    });
    const stale = await h.driver.raw(body, {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest('test-signing-secret', body, now - 301),
    });
    expect(forged.status).toBe(401);
    expect(stale.status).toBe(401);
    await h.settle();
    expect(h.bot.store.requests.get(r.id)?.status).toBe('pending');
    expect(runs).toEqual([]);
  });
});

describe('approvals with REQUIRED_APPROVALS=2', () => {
  it('needs two distinct approvers; the same approver twice does not count', async () => {
    await h.close();
    const t = testWorkflow();
    runs = t.runs;
    h = await startHarness({ workflows: [t.definition], env: { REQUIRED_APPROVALS: '2' } });
    const { r, msg } = await draft();
    await h.driver.click(msg, 'Approve', { user: USERS.approver1 });
    await h.until(() => ephemeralTo(USERS.approver1).includes('needs 1 more'), 'the first vote');
    await h.driver.click(msg, 'Approve', { user: USERS.approver1, stale: true });
    await h.until(() => ephemeralTo(USERS.approver1).includes('You already approved'), 'the repeated vote refused');
    expect(runs).toEqual([]);
    await h.driver.click(msg, 'Approve', { user: USERS.approver2, stale: true });
    await h.until(() => runs.length > 0, 'the request to run');
    expect(runs).toEqual([r.id]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/secret.js';
import { answered, approve, events, hasRevealDm, requested, status, thread } from '../harness/credential-steps.js';
import { type Harness, startHarness } from '../harness/harness.js';
import { revealValue } from '../harness/rotation-steps.js';
import { findLeaks } from '../harness/secret-scan.js';
import { USERS } from '../harness/users.js';

let h: Harness;
afterEach(() => h.close());

const keyOf = (userId: string): string => h.tyk.dashboard.users().find((u) => u.id === userId)?.access_key ?? '';
const resetCalls = () => h.tyk.calls.filter((c) => c.method === 'PUT' && c.path.endsWith('/actions/key/reset'));

/** What the Dashboard answers a caller presenting `key` (docs/tyk-api.md §2.1: the raw key in Authorization). */
const dashboardAnswers = async (key: string): Promise<number> =>
  (await fetch(`${h.tyk.url}/api/users/me`, { headers: { authorization: key } })).status;

describe('/rotate-user-key', () => {
  it("resets a user's key after approval and reveals it only to the Slack user with the user's email", async () => {
    h = await startHarness({ target: 'dashboard' });
    const olga = h.tyk.dashboard.addUser({ email: 'owner@example.com', first_name: 'Olga', last_name: 'Owner' });
    const asker = USERS.approver2; // an approver asking: their own click must not count
    const id = await requested(h, '/rotate-user-key', 'owner@example.com --reason "laptop stolen"', asker);
    const approval = JSON.stringify((await h.approvalMessage(id)).blocks);
    for (const shown of [
      'Olga Owner',
      'owner@example.com',
      olga.id,
      fingerprint(olga.access_key),
      'laptop stolen',
      'stops working at once',
      `*Goes to*\\n<@${USERS.owner}>`,
    ])
      expect(approval).toContain(shown);
    await h.driver.click(await h.approvalMessage(id), 'Approve', { user: asker });
    await h.until(
      () => h.slack.messages({ ephemeralTo: asker }).some((m) => m.text.includes('another approver has to decide it')),
      'the self-approval refusal',
    );
    await h.settle();
    expect(keyOf(olga.id)).toBe(olga.access_key); // nothing changes without approval

    await approve(h, id);
    await h.until(() => status(h, id) === 'succeeded', 'the reset');
    const fresh = keyOf(olga.id);
    expect(fresh).not.toBe(olga.access_key);
    expect(h.tyk.dashboard.users().map((u) => u.id)).toContain(olga.id);
    expect(await revealValue(h, USERS.owner)).toBe(fresh);
    for (const user of [asker, USERS.approver1]) expect(hasRevealDm(h, user)).toBe(false);
    expect(await dashboardAnswers(olga.access_key)).toBe(401);
    expect(await dashboardAnswers(fresh)).toBe(200);

    expect(thread(h, id)).toContain(
      `Reset the Tyk Dashboard API key of owner@example.com (user ${olga.id}): ${fingerprint(olga.access_key)} → ${fingerprint(fresh)}. <@${USERS.owner}> got the new key`,
    );
    await h.until(() => events(h, id).includes('revealed'), 'the reveal in the history');
    expect(events(h, id)).toEqual(['requested', 'approved', 'started', 'user-key-reset', 'succeeded', 'revealed']);
    await answered(h, '/key-history', 'user:owner@example.com', id, USERS.requester);
    await answered(h, '/key-history', `user:${olga.id}`, id, USERS.outsider);
    expect(findLeaks(h, [olga.access_key, fresh])).toEqual([]);
  });

  it('gives the key to the requester, and says why, when no Slack user has the email', async () => {
    h = await startHarness({ target: 'dashboard' });
    const robot = h.tyk.dashboard.addUser({ email: 'ci-robot@example.com' });
    const id = await requested(h, '/rotate-user-key', robot.id);
    expect(JSON.stringify((await h.approvalMessage(id)).blocks)).toContain(
      'There is no recorded owner (no Slack user has the owner email ci-robot@example.com): the new key goes to the requester.',
    );
    await approve(h, id);
    await h.until(() => status(h, id) === 'succeeded', 'the reset');
    expect(thread(h, id)).toContain('No Slack user has the email ci-robot@example.com, so it went to the requester');
    const dm = JSON.stringify(h.slack.dms(USERS.requester).map((m) => m.blocks));
    expect(dm).toContain('No Slack user has the email ci-robot@example.com');
    expect(await revealValue(h, USERS.requester)).toBe(keyOf(robot.id));
  });

  it("refuses to reset the bot's own key without a second Dashboard credential", async () => {
    h = await startHarness({ target: 'dashboard' });
    const before = keyOf(h.tyk.dashboard.botUserId);
    const answer = await answered(h, '/rotate-user-key', 'keybot@example.com', 'the Dashboard user the bot itself works as');
    expect(answer).toContain('TYK_DASHBOARD_ADMIN_SECRET');
    expect(h.bot.store.requests.byRequester(USERS.requester)).toHaveLength(0);
    expect(keyOf(h.tyk.dashboard.botUserId)).toBe(before);
    expect(resetCalls()).toHaveLength(0);
  });

  it("resets the bot's own key with the admin secret configured, even when the reset's reply is lost, and keeps working", async () => {
    h = await startHarness({ target: 'dashboard', env: { TYK_DASHBOARD_ADMIN_SECRET: 'test-admin-secret' } });
    const bot = h.tyk.dashboard.botUserId;
    const old = keyOf(bot);
    const id = await requested(h, '/rotate-user-key', bot);
    expect(JSON.stringify((await h.approvalMessage(id)).blocks)).toContain('This is the key the bot itself uses');
    h.tyk.faults.failAfterNext(1, { status: 502, match: /\/actions\/key\/reset$/ }); // the key changes; the bot only sees a 502
    await approve(h, id);
    await h.until(() => status(h, id) === 'succeeded', 'the reset');
    expect(resetCalls().map((c) => c.status)).toEqual([502]);
    const fresh = keyOf(bot);
    expect(fresh).not.toBe(old);
    expect(await dashboardAnswers(old)).toBe(401);
    expect(await revealValue(h, USERS.requester)).toBe(fresh);
    expect(thread(h, id)).toContain("update TYK_DASHBOARD_API_KEY in the bot's environment before its next restart");

    // The running bot now talks to the Dashboard with its new key.
    h.tyk.dashboard.addUser({ email: 'owner@example.com' });
    const next = await requested(h, '/rotate-user-key', 'owner@example.com');
    await approve(h, next);
    await h.until(() => status(h, next) === 'succeeded', 'a reset after the bot rotated its own key');
    expect(findLeaks(h, [old, fresh])).toEqual([]);
  });

  it('a 403 from the Dashboard at execution fails the request with an explanation, is not retried, and changes nothing', async () => {
    h = await startHarness({ target: 'dashboard' });
    const olga = h.tyk.dashboard.addUser({ email: 'owner@example.com' });
    h.tyk.dashboard.forbidAdminReset = true;
    const id = await requested(h, '/rotate-user-key', 'owner@example.com');
    await approve(h, id);
    await h.until(() => status(h, id) === 'failed', 'the failure');
    expect(thread(h, id)).toContain(
      'Tyk Dashboard refused: the bot is not allowed to do this (PUT /api/users/{id}/actions/key/reset, HTTP 403)',
    );
    expect(thread(h, id)).toContain('security.forbid_admin_reset_access_token');
    expect(thread(h, id)).toContain('Nothing was changed.');
    expect(resetCalls()).toHaveLength(1);
    expect(h.bot.store.jobs.get(id, 'execute')?.attempts).toBe(1);
    expect(keyOf(olga.id)).toBe(olga.access_key);
    expect(hasRevealDm(h, USERS.owner)).toBe(false);
    expect(events(h, id)).toEqual(['requested', 'approved', 'started', 'failed']);
  });

  it('answers help, an unknown user, and a deployment without a Dashboard, with no request', async () => {
    h = await startHarness({ target: 'dashboard' });
    await answered(h, '/rotate-user-key', 'help', 'Usage: `/rotate-user-key USER_ID_OR_EMAIL');
    await answered(h, '/rotate-user-key', 'nobody@example.com', 'No Tyk Dashboard user has the email nobody@example.com');
    await answered(
      h,
      '/rotate-user-key',
      '<mailto:ghost@example.com|ghost@example.com>',
      'No Tyk Dashboard user has the email ghost@example.com',
    );
    await answered(h, '/rotate-user-key', '5e9d9544a1dcd60001d0ffff', 'No Tyk Dashboard user has the ID 5e9d9544a1dcd60001d0ffff');
    expect(h.bot.store.requests.byRequester(USERS.requester)).toHaveLength(0);
    await h.close();
    h = await startHarness();
    await answered(h, '/rotate-user-key', 'owner@example.com', 'needs the Tyk Dashboard API');
    expect(h.bot.store.requests.byRequester(USERS.requester)).toHaveLength(0);
  });
});

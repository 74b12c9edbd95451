import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/secret.js';
import { answered, approve, events, hasRevealDm, requested, status, thread } from '../harness/credential-steps.js';
import { type Harness, startHarness } from '../harness/harness.js';
import { revealValue } from '../harness/rotation-steps.js';
import { findLeaks } from '../harness/secret-scan.js';
import { USERS } from '../harness/users.js';

let h: Harness;
afterEach(() => h.close());

/** A developer's app with one approved access request and its credential, as the portal provisions them. */
function seedApp(developerEmail = 'owner@example.com') {
  const dev = h.tyk.portal.addUser({ email: developerEmail, first_name: 'Olga', last_name: 'Owner' });
  const app = h.tyk.portal.addApp({ name: 'Billing App', userId: dev.id });
  const { planId, productId } = h.tyk.portal.defaults;
  const ar = h.tyk.portal.addAccessRequest(app.id, { planId, productIds: [productId] });
  const cred = h.tyk.portal.addCredential(app.id, ar.id);
  return { app, ar, cred, args: `${app.id} ${ar.id} ${cred.id}` };
}

const rotateCalls = () => h.tyk.calls.filter((c) => c.method === 'PUT' && c.path.endsWith('/rotate'));
const consumer = (key: string) => h.tyk.consume('orders-api', key).status;

/** Clicks Approve as `user` and waits for the refusal they alone see; nothing runs. */
async function answeredClick(id: string, user: string, refusal: string): Promise<void> {
  await h.driver.click(await h.approvalMessage(id), 'Approve', { user });
  await h.until(() => h.slack.messages({ ephemeralTo: user }).some((m) => m.text.includes(refusal)), 'the refusal');
  await h.settle();
}

describe('/rotate-credential', () => {
  it('rotates after approval: same credential ID, a new token revealed to the developer who owns the app, not the requester', async () => {
    h = await startHarness({ portal: true });
    const s = seedApp();
    const old = s.cred.credential;
    expect(consumer(old)).toBe(200);
    const asker = USERS.approver2; // an approver asking: their own click must not count
    const id = await requested(h, '/rotate-credential', `${s.args} --reason "token in a public repo"`, asker);
    const approval = JSON.stringify((await h.approvalMessage(id)).blocks);
    for (const shown of [
      'Billing App',
      'Olga Owner',
      'owner@example.com',
      'free_plan',
      'public_product',
      fingerprint(old),
      'token in a public repo',
      'cuts the old credential',
    ])
      expect(approval).toContain(shown);
    await answeredClick(id, asker, 'another approver has to decide it');
    expect(h.tyk.portal.credentials(s.app.id, s.ar.id)[0]?.credential).toBe(old); // nothing changes without approval

    await approve(h, id);
    await h.until(() => status(h, id) === 'succeeded', 'the rotation');
    const [now] = h.tyk.portal.credentials(s.app.id, s.ar.id);
    expect(now?.id).toBe(s.cred.id);
    expect(now?.credential).not.toBe(old);
    const fresh = now?.credential as string;
    expect(await revealValue(h, USERS.owner)).toBe(fresh);
    for (const user of [USERS.approver1, USERS.requester, asker]) expect(hasRevealDm(h, user)).toBe(false);
    expect(consumer(fresh)).toBe(200);
    expect(consumer(old)).not.toBe(200);

    expect(thread(h, id)).toContain(
      `Rotated Portal credential ${s.cred.id} of app Billing App (access request ${s.ar.id}): ${fingerprint(old)} → ${fingerprint(fresh)}. <@${USERS.owner}> got the new credential`,
    );
    await h.until(() => events(h, id).includes('revealed'), 'the reveal in the history');
    expect(events(h, id)).toEqual(['requested', 'approved', 'started', 'credential-rotated', 'succeeded', 'revealed']);
    await answered(h, '/key-history', `credential:${s.cred.id}`, id, USERS.outsider);
    expect(findLeaks(h, [old, fresh])).toEqual([]);
  });

  it("reveals to the requester alone when the developer's email is no Slack user's, and says so to approvers", async () => {
    h = await startHarness({ portal: true });
    const s = seedApp('dev-without-slack@example.com');
    const id = await requested(h, '/rotate-credential', s.args);
    expect(JSON.stringify((await h.approvalMessage(id)).blocks)).toContain(
      'There is no recorded owner (no Slack user has the owner email dev-without-slack@example.com): the new credential goes to the requester.',
    );
    await approve(h, id);
    await h.until(() => status(h, id) === 'succeeded', 'the rotation');
    expect(await revealValue(h, USERS.requester)).toBe(h.tyk.portal.credentials(s.app.id, s.ar.id)[0]?.credential);
    expect(hasRevealDm(h, USERS.owner)).toBe(false);
  });

  it('a 404 from the portal at execution fails the request with a clear message and changes nothing', async () => {
    h = await startHarness({ portal: true });
    const s = seedApp();
    const id = await requested(h, '/rotate-credential', s.args);
    h.tyk.faults.failNext(1, { status: 404, match: /\/rotate$/ });
    await approve(h, id);
    await h.until(() => status(h, id) === 'failed', 'the failure');
    expect(thread(h, id)).toContain(
      'Tyk Portal could not find it (PUT /apps/{app}/access-requests/{ar}/credentials/{cred}/rotate, HTTP 404)',
    );
    expect(thread(h, id)).toContain('Nothing was changed.');
    expect(rotateCalls()).toHaveLength(1);
    expect(h.tyk.portal.credentials(s.app.id, s.ar.id)[0]?.credential).toBe(s.cred.credential);
    expect(consumer(s.cred.credential)).toBe(200);
    expect(hasRevealDm(h, USERS.requester)).toBe(false);
  });

  it('answers help, unknown IDs and a deployment without a Portal, with no request', async () => {
    h = await startHarness({ portal: true });
    const s = seedApp();
    await answered(h, '/rotate-credential', 'help', 'Usage: `/rotate-credential APP_ID ACCESS_REQUEST_ID CREDENTIAL_ID');
    await answered(h, '/rotate-credential', `999 ${s.ar.id} ${s.cred.id}`, 'The Tyk Portal has no app 999');
    await answered(h, '/rotate-credential', `${s.app.id} 998 ${s.cred.id}`, 'has no access request 998');
    await answered(h, '/rotate-credential', `${s.app.id} ${s.ar.id} 997`, 'has no credential 997');
    await answered(h, '/rotate-credential', `${s.app.id} ${s.ar.id} abc`, 'CREDENTIAL_ID must be a number');
    expect(h.bot.store.requests.byRequester(USERS.requester)).toHaveLength(0);
    await h.close();
    h = await startHarness();
    await answered(h, '/rotate-credential', '1 2 3', 'needs the Tyk Developer Portal API');
    expect(h.bot.store.requests.byRequester(USERS.requester)).toHaveLength(0);
  });
});

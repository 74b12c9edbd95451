import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { approve, hasRevealDm, requested, status } from '../harness/credential-steps.js';
import { tempDir } from '../harness/env.js';
import { type Harness, startHarness } from '../harness/harness.js';
import { reportOf, requestImport } from '../harness/import-steps.js';
import { USERS } from '../harness/users.js';

/**
 * Who gets a new secret (docs/design.md "Who gets a new secret"): the approval message names every
 * recipient under `Goes to`; the owner gets the Reveal, the requester only with proof of
 * possession, as the owner, or when no owner is recorded (said in a `no recorded owner` line).
 */
let h: Harness;
afterEach(() => h.close());

const RAW = 'victim-key-0001';
const SESSION = {
  alias: 'payments-prod',
  access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } },
  meta_data: { owner_email: 'owner@example.com' },
};

const approvalText = async (id: string): Promise<string> => JSON.stringify((await h.approvalMessage(id)).blocks);

/** Approves and waits until the handover is done (the retirement is scheduled or the request finished). */
async function approveAndHandOver(id: string, approver: string = USERS.approver1): Promise<void> {
  await approve(h, id, approver);
  await h.until(() => status(h, id) === 'succeeded' || h.bot.store.jobs.forRequest(id).some((j) => j.step === 'retire'), 'the handover');
}

describe('/rotate-key recipients', () => {
  it('by hash: a non-owner requester gets no Reveal; the approval says the key goes to the owner', async () => {
    h = await startHarness({ tyk: { hashKeys: true, hashKeyFunction: 'murmur64' } });
    const seeded = h.tyk.seedKey({ raw: RAW, session: SESSION });
    const id = await requested(h, '/rotate-key', `hash:${seeded.keyHash}`);
    const approval = await approvalText(id);
    expect(approval).toContain('Goes to');
    expect(approval).toContain(`<@${USERS.owner}>`);
    expect(approval).not.toMatch(new RegExp(`Goes to[^"]*<@${USERS.requester}>`));
    expect(approval).not.toContain('no recorded owner');
    await approveAndHandOver(id);
    expect(hasRevealDm(h, USERS.owner)).toBe(true);
    expect(hasRevealDm(h, USERS.requester)).toBe(false);
  });

  it('by key ID: a non-owner requester gets no Reveal either', async () => {
    h = await startHarness({ tyk: { hashKeys: false } });
    const seeded = h.tyk.seedKey({ raw: RAW, session: { ...SESSION, meta_data: { owner_slack_id: USERS.owner } } });
    const id = await requested(h, '/rotate-key', seeded.token);
    expect(await approvalText(id)).toContain(`<@${USERS.owner}>`);
    await approveAndHandOver(id);
    expect(hasRevealDm(h, USERS.owner)).toBe(true);
    expect(hasRevealDm(h, USERS.requester)).toBe(false);
  });

  it('by value: the requester holds the old key, so both get a Reveal and both are named', async () => {
    h = await startHarness({ tyk: { hashKeys: true, hashKeyFunction: 'murmur64' } });
    h.tyk.seedKey({ raw: RAW, session: SESSION });
    const id = await requested(h, '/rotate-key', RAW);
    const approval = await approvalText(id);
    expect(approval).toMatch(new RegExp(`Goes to[^"]*<@${USERS.owner}>`));
    expect(approval).toMatch(new RegExp(`Goes to[^"]*<@${USERS.requester}>`));
    await approveAndHandOver(id);
    expect(hasRevealDm(h, USERS.owner)).toBe(true);
    expect(hasRevealDm(h, USERS.requester)).toBe(true);
  });

  it('no recorded owner: the key goes to the requester, and the approval says so', async () => {
    h = await startHarness({ tyk: { hashKeys: true, hashKeyFunction: 'murmur64' } });
    const seeded = h.tyk.seedKey({ raw: RAW, session: { ...SESSION, meta_data: {} } });
    const id = await requested(h, '/rotate-key', `hash:${seeded.keyHash}`);
    const approval = await approvalText(id);
    expect(approval).toContain('no recorded owner');
    expect(approval).toMatch(new RegExp(`Goes to[^"]*<@${USERS.requester}>`));
    await approveAndHandOver(id);
    expect(hasRevealDm(h, USERS.requester)).toBe(true);
  });

  it('an owner email no Slack user has counts as no recorded owner', async () => {
    h = await startHarness({ tyk: { hashKeys: true, hashKeyFunction: 'murmur64' } });
    const seeded = h.tyk.seedKey({ raw: RAW, session: { ...SESSION, meta_data: { owner_email: 'gone@example.com' } } });
    const id = await requested(h, '/rotate-key', `hash:${seeded.keyHash}`);
    const approval = await approvalText(id);
    expect(approval).toContain('no recorded owner');
    expect(approval).toContain('gone@example.com');
  });

  it('the owner asking by hash gets the key', async () => {
    h = await startHarness({ tyk: { hashKeys: true, hashKeyFunction: 'murmur64' } });
    const seeded = h.tyk.seedKey({ raw: RAW, session: SESSION });
    const id = await requested(h, '/rotate-key', `hash:${seeded.keyHash}`, USERS.owner);
    await approveAndHandOver(id);
    expect(hasRevealDm(h, USERS.owner)).toBe(true);
  });
});

describe('an automatic rotation (auto_rotate) of a key with no recorded owner', () => {
  const START = Date.parse('2026-03-02T09:00:00Z');
  const overdue = { ...SESSION, meta_data: {}, date_created: new Date(START - 200 * 86_400_000).toISOString() };
  const autoRequest = async () => {
    await h.bot.runHygiene();
    const [r] = await h.until(() => {
      const drafted = h.bot.store.requests.byRequester('keybot');
      return drafted.length > 0 && drafted;
    }, 'the automatic request');
    return (r as { id: string }).id;
  };

  it('goes to the approvers (APPROVERS, groups by their members), and the approval says so', async () => {
    h = await startHarness({ clockStart: START, env: { ROTATION_MAX_AGE: '90d', AUTO_ROTATE: 'true' } });
    h.tyk.seedKey({ raw: RAW, session: overdue });
    const id = await autoRequest();
    const approval = await approvalText(id);
    expect(approval).toContain('no recorded owner');
    expect(approval).toMatch(/goes to the approvers/);
    for (const user of [USERS.approver1, USERS.approver2, USERS.groupApprover])
      expect(approval).toMatch(new RegExp(`Goes to[^"]*<@${user}>`));
    expect(approval).not.toContain('<@keybot>');
    await approveAndHandOver(id);
    for (const user of [USERS.approver1, USERS.approver2, USERS.groupApprover]) expect(hasRevealDm(h, user)).toBe(true);
    expect(h.slack.calls.filter((c) => c.method === 'conversations.open' && String(c.args['users']).includes('keybot'))).toEqual([]);
  });

  it('goes to the approvers of the matching rule, not to APPROVERS', async () => {
    const rules = `rules:\n  - name: payments\n    tag: payments\n    max_age: 90d\n    auto_rotate: true\n    approvers: [${USERS.approver2}]\n`;
    const file = join(tempDir('policy-'), 'rotation-rules.yml');
    writeFileSync(file, rules);
    h = await startHarness({ clockStart: START, env: { KEYBOT_POLICY_FILE: file } });
    h.tyk.seedKey({ raw: RAW, session: { ...overdue, tags: ['payments'] } });
    const id = await autoRequest();
    const approval = await approvalText(id);
    expect(approval).toContain('no recorded owner');
    expect(approval).toMatch(new RegExp(`Goes to[^"]*<@${USERS.approver2}>`));
    expect(approval).not.toMatch(new RegExp(`Goes to[^"]*<@${USERS.approver1}>`));
    await approveAndHandOver(id, USERS.approver2);
    expect(hasRevealDm(h, USERS.approver2)).toBe(true);
    expect(hasRevealDm(h, USERS.approver1)).toBe(false);
  });
});

describe('credential recipients', () => {
  it('/rotate-secret: an OAuth client whose meta_data names an owner: only the owner gets the secret', async () => {
    h = await startHarness();
    const c = h.tyk.oauth.addClient('oauth-api', { meta_data: { owner_slack_id: USERS.owner } });
    const id = await requested(h, '/rotate-secret', `oauth-api ${c.client_id}`);
    const approval = await approvalText(id);
    expect(approval).toMatch(new RegExp(`Goes to[^"]*<@${USERS.owner}>`));
    expect(approval).not.toContain('no recorded owner');
    await approve(h, id);
    await h.until(() => status(h, id) === 'succeeded', 'the rotation');
    expect(hasRevealDm(h, USERS.owner)).toBe(true);
    expect(hasRevealDm(h, USERS.requester)).toBe(false);
  });

  it('/rotate-secret: no owner in meta_data: the requester, with a no recorded owner line', async () => {
    h = await startHarness();
    const c = h.tyk.oauth.addClient('oauth-api', {});
    const id = await requested(h, '/rotate-secret', `oauth-api ${c.client_id}`);
    const approval = await approvalText(id);
    expect(approval).toContain('no recorded owner');
    expect(approval).toMatch(new RegExp(`Goes to[^"]*<@${USERS.requester}>`));
  });

  it('/rotate-user-key: Goes to names the Slack user with the Dashboard user’s email', async () => {
    h = await startHarness({ target: 'dashboard' });
    h.tyk.dashboard.addUser({ email: 'owner@example.com', first_name: 'Olga', last_name: 'Owner' });
    const id = await requested(h, '/rotate-user-key', 'owner@example.com');
    expect(await approvalText(id)).toMatch(new RegExp(`Goes to[^"]*<@${USERS.owner}>`));
  });

  it('/rotate-credential: the developer owns the app: only they get the credential', async () => {
    h = await startHarness({ portal: true });
    const dev = h.tyk.portal.addUser({ email: 'owner@example.com', first_name: 'Olga', last_name: 'Owner' });
    const app = h.tyk.portal.addApp({ name: 'Billing App', userId: dev.id });
    const { planId, productId } = h.tyk.portal.defaults;
    const ar = h.tyk.portal.addAccessRequest(app.id, { planId, productIds: [productId] });
    const cred = h.tyk.portal.addCredential(app.id, ar.id);
    const id = await requested(h, '/rotate-credential', `${app.id} ${ar.id} ${cred.id}`);
    const approval = await approvalText(id);
    expect(approval).toMatch(new RegExp(`Goes to[^"]*<@${USERS.owner}>`));
    expect(approval).not.toMatch(new RegExp(`Goes to[^"]*<@${USERS.requester}>`));
    await approve(h, id);
    await h.until(() => status(h, id) === 'succeeded', 'the rotation');
    expect(hasRevealDm(h, USERS.owner)).toBe(true);
    expect(hasRevealDm(h, USERS.requester)).toBe(false);
  });
});

describe('key hashes and key IDs stay out of channels', () => {
  it("the results CSV posted to the channel has no key_hash column and no key's hash or ID", async () => {
    h = await startHarness({ tyk: { hashKeys: true, hashKeyFunction: 'murmur64' } });
    const content = Buffer.from('key,alias,api_ids\nimported-key-0001,client-a,orders-api\nimported-key-0002,client-b,orders-api\n');
    const r = await requestImport(h, { format: 'csv', files: [{ name: 'keys.csv', content }] });
    await approve(h, r.id);
    await h.until(() => reportOf(h, r.id), 'the import report');
    const csv =
      h.slack
        .uploads()
        .find((u) => u.filename === `import-${r.id}-results.csv`)
        ?.content.toString('utf8') ?? '';
    expect(csv.split('\r\n')[0]).not.toContain('key_hash');
    expect(h.tyk.keys()).toHaveLength(2);
    for (const k of h.tyk.keys()) {
      expect(csv).not.toContain(k.keyHash);
      expect(csv).not.toContain(k.token);
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { RULES, seedFleet } from '../harness/hygiene-steps.js';
import { ephemeral } from '../harness/rotation-steps.js';
import { findLeaks } from '../harness/secret-scan.js';
import type { StoredMessage } from '../harness/slack-fake/index.js';
import { USERS } from '../harness/users.js';

const START = Date.parse('2026-03-02T09:00:00Z');

let h: Harness;
afterEach(() => h.close());

const digestOf = (): StoredMessage | undefined =>
  h.slack.messages({ channel: h.config.notifyChannel }).find((m) => !m.thread_ts && m.text.startsWith('Key hygiene'));

/** The aliases of the digest's key lines, in order. */
const listed = (m: StoredMessage): string[] =>
  (m.blocks ?? [])
    .filter((b: any) => String(b.block_id ?? '').startsWith('hygiene:'))
    .map((b: any) => /^\*([^*]+)\*/.exec(b.text.text)?.[1] ?? '');

const csvFile = () => h.slack.uploads().find((u) => u.filename === 'key-hygiene-2026-03-02.csv');

const autoRequests = () => h.bot.store.requests.byRequester('keybot');

describe.each([
  { target: 'dashboard' as const, idle: 1 },
  { target: 'gateway' as const, idle: 0 }, // a Gateway reports no per-key usage: nothing is called idle
])('key hygiene with a $target', ({ target, idle }) => {
  it('posts the digest with counts, most urgent first (20 at most), the CSV and the owners’ DMs', async () => {
    h = await startHarness({ target, clockStart: START, env: RULES });
    const secrets = seedFleet(h.tyk, START);
    await h.bot.runHygiene();

    const digest = await h.until(digestOf, 'the digest');
    expect(digest.text).toBe(`Key hygiene: 2 overdue · 1 due soon · 2 no expiry · 21 no owner · ${idle} idle (24 keys)`);
    const order = listed(digest);
    expect(order).toHaveLength(20);
    expect(order.slice(0, 4)).toEqual(['ancient', 'old', 'aging', 'orphan']);
    expect(order).not.toContain('expired');
    expect(JSON.stringify(digest.blocks)).toMatch(/fp:/);
    expect(JSON.stringify(digest.blocks).match(/"Request rotation"/g)).toHaveLength(20);

    const csv = (await h.until(csvFile, 'the CSV')).content.toString('utf8');
    const rows = csv.trim().split('\r\n');
    expect(rows).toHaveLength(1 + 24); // header + every live key, not only the 20 listed
    expect(rows[0]).toMatch(/^alias,fingerprint,standing,/);
    expect(rows[1]).toMatch(/^ancient,fp:[^,]+,overdue,/);
    expect(rows[2]).toMatch(/^old,fp:[^,]+,overdue,/);
    expect(rows[3]).toMatch(/^aging,fp:[^,]+,due soon,/);

    // owners get their own overdue keys; the owner of a key only due soon gets nothing
    const ownerDm = await h.until(() => h.slack.dms(USERS.owner).find((m) => m.text.startsWith('Key hygiene')), 'the owner DM');
    expect(listed(ownerDm)).toEqual(['ancient']);
    const ritaDm = await h.until(() => h.slack.dms(USERS.requester).find((m) => m.text.startsWith('Key hygiene')), 'rita’s DM');
    expect(listed(ritaDm)).toEqual(['old']);
    expect(h.slack.dms(USERS.approver2).filter((m) => m.text.startsWith('Key hygiene'))).toEqual([]);

    expect(autoRequests()).toEqual([]); // no auto_rotate: nobody asked

    // /key-hygiene: the same report, to the person typing only
    await h.driver.command('/key-hygiene', '', { user: USERS.outsider });
    const mine = await h.until(
      () => h.slack.messages({ ephemeralTo: USERS.outsider }).find((m) => m.text.startsWith('Key hygiene')),
      '/key-hygiene',
    );
    expect(mine.text).toBe(digest.text);
    expect(listed(mine)).toEqual(order);

    // App Home: the owner sees their own keys due
    await h.driver.event({ type: 'app_home_opened', user: USERS.owner, tab: 'home', channel: 'D0HOME00001', event_ts: '1.0' });
    const home = await h.until(() => h.slack.views(USERS.owner).find((v) => v.via === 'views.publish'), 'the App Home view');
    const homeText = JSON.stringify(home.view.blocks);
    expect(homeText).toContain('*Keys due* (1)');
    expect(homeText).toContain('*ancient*');
    expect(homeText).not.toContain('*old*');
    expect(findLeaks(h, secrets)).toEqual([]);
  });

  it('Request rotation drafts a normal rotation request by the clicker, posted for approval', async () => {
    h = await startHarness({ target, clockStart: START, env: RULES });
    seedFleet(h.tyk, START);
    await h.bot.runHygiene();
    const digest = await h.until(digestOf, 'the digest');

    await h.driver.click(digest, 'Request rotation', { user: USERS.requester, blockId: 'hygiene:1' });
    const id = (await h.until(() => /Requested (req_\S+):/.exec(ephemeral(h, USERS.requester)), 'the confirmation'))[1] as string;
    const r = h.bot.store.requests.get(id);
    expect(r).toMatchObject({ kind: 'rotate-key', requester: USERS.requester, status: 'pending' });
    const approval = await h.approvalMessage(id);
    expect(approval.text).toContain('ancient');
    await h.driver.click(approval, 'Approve', { user: USERS.approver1 });
    await h.until(
      () => h.bot.store.requests.get(id)?.status === 'running' || h.bot.store.requests.get(id)?.status === 'succeeded',
      'the rotation to run',
    );
  });

  it('with AUTO_ROTATE keybot drafts exactly one request per overdue key, across two scans', async () => {
    h = await startHarness({ target, clockStart: START, env: { ...RULES, AUTO_ROTATE: 'true' } });
    seedFleet(h.tyk, START);
    await h.bot.runHygiene();
    await h.settle();
    h.clock.advance('1h'); // the next scan, while the first requests still wait for approval
    await h.bot.runHygiene();
    await h.settle();

    const drafted = autoRequests();
    expect(drafted).toHaveLength(2);
    for (const r of drafted) expect(r).toMatchObject({ kind: 'rotate-key', reason: 'max age reached', status: 'pending' });
    const titles = drafted.map((r) => r.summary.title).sort();
    expect(titles[0]).toMatch(/ancient/);
    expect(titles[1]).toMatch(/old/);
    for (const r of drafted) await h.approvalMessage(r.id);

    // nobody typed these requests, so the approvers are reminded while they wait (a third of REQUEST_TTL)
    h.clock.advance('8h');
    const nudged = await h.until(
      () => h.slack.messages({ channel: h.config.approvalChannel }).filter((m) => m.text.includes('is still waiting for approval')),
      'the reminders',
    );
    expect(nudged.length).toBeGreaterThanOrEqual(2);

    // nobody approves: the requests expire; keybot is named as text and never sent a DM
    h.clock.advance('17h');
    await h.until(() => autoRequests().every((r) => r.status === 'expired'), 'the requests to expire');
    await h.settle();
    const approvals = h.slack.messages({ channel: h.config.approvalChannel }).map((m) => m.text);
    expect(approvals.join('\n')).not.toContain('<@keybot>');
    expect(h.slack.calls.filter((c) => c.method === 'conversations.open' && String(c.args['users']).includes('keybot'))).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { submitImport } from '../harness/import-steps.js';
import { findLeaks } from '../harness/secret-scan.js';
import { signSlackRequest } from '../harness/slack-sign.js';
import { USERS } from '../harness/users.js';

let h: Harness;
afterEach(() => h.close());

const RAW = 'abuse-test-key-0001';
const grant = { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } };
const answers = (user: string) => [...h.slack.messages({ ephemeralTo: user }), ...h.slack.dms(user)].map((m) => m.text).join('\n');
const requests = () => h.bot.store.requests.byRequester(USERS.requester);

describe('abuse: signatures, stale clicks, bad text, hostile files', () => {
  it('a replayed signed command is dropped: one request, not two', async () => {
    h = await startHarness();
    h.tyk.seedKey({ raw: RAW, session: { alias: 'replayed', access_rights: grant } });
    const body = new URLSearchParams({
      command: '/rotate-key',
      text: RAW,
      user_id: USERS.requester,
      user_name: 'rita',
      channel_id: 'C0GENERAL01',
      team_id: 'T0TEST0001',
      trigger_id: '1.2.3',
      response_url: h.slack.responseUrl({ channel: 'C0GENERAL01', user: USERS.requester }),
      api_app_id: 'A0KEYBOT01',
      token: 'x',
    }).toString();
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest('test-signing-secret', body, Math.floor(Date.now() / 1000)),
    };
    expect((await h.driver.raw(body, headers)).status).toBe(200);
    await h.until(() => requests().length === 1, 'the first request');
    expect((await h.driver.raw(body, headers)).status).toBe(200);
    await h.settle();
    await new Promise((r) => setTimeout(r, 300));
    expect(requests()).toHaveLength(1);
    expect(answers(USERS.requester)).not.toContain('already in progress'); // the replay was never processed
    expect(h.logs.text()).toContain('replayed Slack request dropped');
  });

  it('a click naming a request that does not exist, or another kind, changes nothing and says so', async () => {
    h = await startHarness();
    h.tyk.seedKey({ raw: RAW, session: { alias: 'x', access_rights: grant } });
    await h.driver.command('/rotate-key', RAW, { user: USERS.requester });
    const r = await h.until(() => requests()[0], 'a request');
    const msg = await h.approvalMessage(r.id);
    const forged = { ...msg, blocks: JSON.parse(JSON.stringify(msg.blocks).replaceAll(r.id, 'req_doesnotexist')) };
    await h.driver.click(forged, 'Approve', { user: USERS.approver1, stale: true });
    await h.until(() => answers(USERS.approver1).includes('There is no request req_doesnotexist'), 'the refusal');
    const wrongKind = {
      ...msg,
      blocks: [
        {
          type: 'actions',
          block_id: 'x',
          elements: [{ type: 'button', text: { type: 'plain_text', text: 'Retire now' }, action_id: 'retire_now', value: r.id }],
        },
      ],
    };
    await h.driver.click(wrongKind, 'Retire now', { user: USERS.approver1, stale: true });
    await h.until(() => answers(USERS.approver1).includes('has no retirement scheduled yet'), 'the second refusal');
    expect(h.bot.store.requests.get(r.id)?.status).toBe('pending');
    expect(h.tyk.keys()).toHaveLength(1);
  });

  it.each([
    ['oversized', `${RAW} --reason "${'x'.repeat(3000)}"`, /limit is 2000/],
    ['control characters', `${RAW}\u0007 --grace 1d`, /control characters/],
    ['unknown flags', `${RAW} --force`, /Unknown option --force/],
    ['two keys', `${RAW} another-key-0002`, /one key at a time/],
    ['an empty flag', `${RAW} --grace`, /--grace needs a value/],
  ])('slash text that is %s gets a clear answer and no request', async (_what, text, answer) => {
    h = await startHarness();
    h.tyk.seedKey({ raw: RAW, session: { alias: 'x', access_rights: grant } });
    await h.driver.command('/rotate-key', text, { user: USERS.requester });
    await h.until(() => answer.test(answers(USERS.requester)), 'the answer');
    expect(requests()).toHaveLength(0);
    expect(answers(USERS.requester)).not.toContain(RAW);
    expect(findLeaks(h, [RAW])).toEqual([]);
  });

  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  it.each([
    ['a line longer than 1 MB', 'csv', Buffer.from(`key,alias\nlong-line-key-01,${'a'.repeat(1_100_000)}\n`), /1 MB|too long|longer/i],
    ['Latin-1 text (not UTF-8)', 'csv', Buffer.from('key,alias\nlatin-key-0001,M\xfcller\n', 'latin1'), /UTF-8/],
    ['JSON nested 10,000 deep', 'tyk', Buffer.from(nested(10_000)), /nested|deep/i],
    ['10 MB of one CSV cell', 'csv', Buffer.from(`key,alias\n"${'k'.repeat(10_000_000)}",x\n`), /1 MB|too long|longer/i],
    ['an empty file', 'csv', Buffer.from(''), /no keys|empty/i],
  ])('an import file with %s gets a clear answer and nothing is half-applied', async (_what, format, content, answer) => {
    h = await startHarness();
    await submitImport(h, { format, files: [{ name: 'export.bin', content }] });
    await h.until(() => answer.test(answers(USERS.requester)), 'the explanation');
    expect(requests()).toHaveLength(0);
    expect(h.tyk.keys()).toHaveLength(0);
    expect(h.bot.store.db.prepare('SELECT COUNT(*) AS n FROM import_items').get()).toEqual({ n: 0 });
  });
});

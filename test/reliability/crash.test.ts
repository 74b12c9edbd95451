import { afterEach, describe, expect, it } from 'vitest';
import { type ProcessHarness, startProcessHarness } from '../harness/process-harness.js';
import type { StoredMessage } from '../harness/slack-fake/index.js';
import { APPROVAL_CHANNEL, USERS } from '../harness/users.js';

let h: ProcessHarness;
afterEach(() => h?.close());

// Real processes on a busy 2-core machine: each wait and each test gets room (no assertion depends on time).
const waitFor = <T>(pick: () => T | undefined | false | null, what: string, timeoutMs = 60_000) =>
  h.slack.waitFor(pick, { what, timeoutMs });

const approvalOf = (text: RegExp) =>
  waitFor(
    () =>
      h.slack
        .messages({ channel: APPROVAL_CHANNEL })
        .find((m) => !m.thread_ts && text.test(m.text) && JSON.stringify(m.blocks).includes('"Approve"')),
    'the approval message',
  );

describe('SIGKILL at the worst moments', { timeout: 120_000 }, () => {
  it('an import of 5,000 keys killed half-way resumes after restart: every key exactly once, all accounted for', async () => {
    h = await startProcessHarness({ env: { IMPORT_CONCURRENCY: '8' } });
    const keys = Array.from({ length: 5_000 }, (_, i) => `crash-import-key-${String(i).padStart(5, '0')}`);
    const csv = Buffer.from(['key,alias,api_ids', ...keys.map((k, i) => `${k},client-${i},orders-api`)].join('\n'));
    const before = h.slack.views(USERS.requester).length;
    await h.driver.command('/import-keys', '', { user: USERS.requester });
    const modal = await waitFor(() => h.slack.views(USERS.requester)[before], 'the import form');
    const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { value, text: { type: 'plain_text', text: value } } });
    await h.driver.submitView(
      modal.view,
      {
        format: { format_select: { type: 'static_select', selected_option: { value: 'csv', text: { type: 'plain_text', text: 'csv' } } } },
        files: { files_input: { type: 'file_input', files: [h.slack.hostFile('keys.csv', csv)] } },
        target: { target_choice: radio('gateway') },
        on_conflict: { on_conflict_choice: radio('skip') },
      },
      { user: USERS.requester },
    );
    const approval = await approvalOf(/Import 5000 key/);
    h.tyk.faults.latencyMs = 5; // a Tyk across a network: the batch takes a few seconds
    await h.driver.click(approval, 'Approve', { user: USERS.approver1 });
    await waitFor(() => h.tyk.keys().length >= 1_500, '1,500 keys created');
    await h.crashAndRestart();
    const upload = await waitFor(
      () => h.slack.uploads().find((u) => /^import-req_.*-results\.csv$/.test(u.filename)),
      'the results file',
      60_000,
    );
    const rows = upload.content.toString('utf8').trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(5_000);
    expect(rows.filter((r) => r.includes(',created,'))).toHaveLength(5_000);
    expect(h.tyk.keys()).toHaveLength(5_000);
    for (const k of [keys[0], keys[1_499], keys[4_999]]) expect(h.tyk.consume('orders-api', k as string).status).toBe(200);
    expect(h.slack.messages({ channel: APPROVAL_CHANNEL }).filter((m) => m.text.startsWith('Import finished'))).toHaveLength(1);
  });

  it('a request killed between approval and execution runs after restart, once', async () => {
    h = await startProcessHarness({ env: { MIN_GRACE: '1s', TYK_TIMEOUT: '30s' } });
    h.tyk.seedKey({
      raw: 'crash-approve-key-1',
      session: { alias: 'approved', access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } } },
    });
    await h.driver.command('/rotate-key', 'crash-approve-key-1 --grace 1h', { user: USERS.requester });
    const approval = await approvalOf(/Rotate key approved/);
    h.tyk.faults.hangNext(100, /^GET \/tyk\/keys\//); // execution starts and waits on Tyk
    await h.driver.click(approval, 'Approve', { user: USERS.approver1 });
    await waitFor(
      () => h.slack.messages({ channel: APPROVAL_CHANNEL }).some((m) => m.text.includes('is running now')),
      'the approval to be recorded',
    );
    await h.crashAndRestart(() => h.tyk.faults.reset());
    await waitFor(
      () => h.slack.dms(USERS.requester).some((m) => JSON.stringify(m.blocks).includes('"Reveal"')),
      'the rotation to finish after restart',
    );
    await new Promise((r) => setTimeout(r, 2_500));
    expect(h.tyk.keys()).toHaveLength(2);
    expect(h.slack.messages({ channel: APPROVAL_CHANNEL }).filter((m) => !m.thread_ts && m.text.includes('approved'))).toHaveLength(1);
  });

  it('a rotation killed after the new key was made but before the DM makes one key and one DM', async () => {
    h = await startProcessHarness({ env: { MIN_GRACE: '1s' } });
    h.tyk.seedKey({
      raw: 'crash-rotate-key-01',
      session: {
        alias: 'crashy',
        access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } },
        rate: -1,
        per: -1,
        quota_max: -1,
        quota_renewal_rate: -1,
      },
    });
    h.slack.faults.fail('conversations.open', 1_000); // the DM cannot go out yet
    await h.driver.command('/rotate-key', 'crash-rotate-key-01 --grace 1h', { user: USERS.requester });
    await h.driver.click(await approvalOf(/Rotate key crashy/), 'Approve', { user: USERS.approver1 });
    await waitFor(() => h.tyk.keys().length === 2, 'the new key');
    await h.crashAndRestart(() => h.slack.faults.reset());
    await waitFor(
      () => h.slack.dms(USERS.requester).some((m: StoredMessage) => JSON.stringify(m.blocks).includes('"Reveal"')),
      'the Reveal DM',
    );
    await new Promise((r) => setTimeout(r, 2_500)); // two more scheduler ticks: nothing may repeat
    expect(h.tyk.keys()).toHaveLength(2);
    expect(h.slack.dms(USERS.requester).filter((m) => JSON.stringify(m.blocks).includes('"Reveal"'))).toHaveLength(1);
  });

  it('a rotation killed during the grace period still retires the old key, once', async () => {
    h = await startProcessHarness({ env: { MIN_GRACE: '1s' } });
    h.tyk.seedKey({
      raw: 'crash-grace-key-01',
      session: {
        alias: 'graceful',
        access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } },
        rate: -1,
        per: -1,
        quota_max: -1,
        quota_renewal_rate: -1,
      },
    });
    await h.driver.command('/rotate-key', 'crash-grace-key-01 --grace 4s', { user: USERS.requester });
    await h.driver.click(await approvalOf(/Rotate key graceful/), 'Approve', { user: USERS.approver1 });
    await waitFor(() => h.slack.dms(USERS.requester).some((m) => JSON.stringify(m.blocks).includes('"Reveal"')), 'the handover');
    await h.crashAndRestart(() => new Promise((r) => setTimeout(r, 5_000))); // down while the grace period ends
    await waitFor(() => h.slack.messages().find((m) => /Old key fp:\S+ expired/.test(m.text)), 'the retirement', 20_000);
    await new Promise((r) => setTimeout(r, 16_000)); // past `expire`'s few seconds and the gateway's session cache
    expect(h.tyk.consume('orders-api', 'crash-grace-key-01').status).toBe(401);
    expect(h.slack.messages().filter((m) => /Old key fp:\S+ expired/.test(m.text) && !m.thread_ts)).toHaveLength(1);
  });
});

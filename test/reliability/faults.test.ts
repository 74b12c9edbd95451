import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { reportOf, requestImport } from '../harness/import-steps.js';
import { requestRotation, revealValue } from '../harness/rotation-steps.js';
import { findLeaks } from '../harness/secret-scan.js';
import { USERS } from '../harness/users.js';

let h: Harness;
afterEach(() => h.close());

/** Short timeouts so hung calls are retried within the test's time; retries as in production. */
const ENV = { TYK_TIMEOUT: '1s', TYK_RETRIES: '6', MIN_GRACE: '1s' };
const TYK_FAULTS = { error500: 0.1, rateLimit429: 0.05, hang: 0.02, retryAfterSeconds: 1, seed: 7 };

describe('faults: Tyk and Slack failing under the work', () => {
  it('an import of 500 keys completes with 10% 500s, 5% 429s and 2% hangs from Tyk: nothing lost, nothing created twice', async () => {
    h = await startHarness({ env: { ...ENV, IMPORT_CONCURRENCY: '8' } });
    const keys = Array.from({ length: 500 }, (_, i) => `fault-import-key-${String(i).padStart(4, '0')}`);
    const csv = Buffer.from(['key,alias,api_ids', ...keys.map((k, i) => `${k},c${i},orders-api`)].join('\n'));
    const r = await requestImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: csv }] });
    h.tyk.faults.randomFaults(TYK_FAULTS);
    await h.driver.click(await h.approvalMessage(r.id), 'Approve', { user: USERS.approver1 });
    const report = await h.until(() => reportOf(h, r.id), 'the import report');
    h.tyk.faults.reset();
    const rows = (
      h.slack
        .uploads()
        .find((u) => u.filename === `import-${r.id}-results.csv`)
        ?.content.toString('utf8') ?? ''
    )
      .trim()
      .split('\r\n')
      .slice(1);
    expect(rows).toHaveLength(500);
    const failed = rows.filter((x) => !x.includes(',created,'));
    expect(failed).toEqual([]);
    expect(report.text).toMatch(/^Import finished/);
    expect(h.tyk.keys()).toHaveLength(500);
    const statuses = h.tyk.calls.filter((c) => c.method === 'POST').map((c) => c.status);
    expect(statuses.filter((s) => s >= 500 || s === 429).length).toBeGreaterThan(10); // the faults really happened
    for (const k of [keys[0], keys[250], keys[499]]) expect(h.tyk.consume('orders-api', k as string).status).toBe(200);
    expect(findLeaks(h, keys.slice(0, 50))).toEqual([]);
  });

  it('a rotation completes through Tyk faults with exactly one new key', async () => {
    h = await startHarness({ env: ENV });
    h.tyk.seedKey({
      raw: 'fault-rotate-key-01',
      session: { alias: 'faulty', access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } } },
    });
    h.tyk.faults.randomFaults({ ...TYK_FAULTS, error500: 0.3, seed: 11 });
    const id = await requestRotation(h, 'fault-rotate-key-01 --grace 1h');
    h.tyk.faults.reset();
    const value = await revealValue(h, USERS.requester);
    expect(h.tyk.keys()).toHaveLength(2);
    expect(h.tyk.consume('orders-api', value).status).toBe(200);
    expect(h.bot.store.history.forRequest(id).filter((e) => e.event.startsWith('new-key-')).length).toBe(1);
  });

  it('Slack answering 429 and 500 on chat.postMessage and chat.update loses and repeats no message', async () => {
    h = await startHarness({ env: ENV });
    h.slack.faults.randomFaults({ methods: ['chat.postMessage', 'chat.update'], rate429: 0.2, rate500: 0.2, seed: 5 });
    h.tyk.seedKey({
      raw: 'slack-fault-key-001',
      session: { alias: 'noisy', access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } } },
    });
    await h.driver.command('/rotate-key', 'slack-fault-key-001 --grace 1h', { user: USERS.requester });
    const r = await h.until(() => h.bot.store.requests.byRequester(USERS.requester)[0], 'the request');
    const approval = await h.until(() => {
      h.clock.advance('1m'); // a failed post is retried by its job after a backoff
      return h.slack.messages({ channel: h.config.approvalChannel }).find((m) => !m.thread_ts && m.text.includes(r.id));
    }, 'the approval message despite Slack errors');
    await h.driver.click(approval, 'Approve', { user: USERS.approver1 });
    for (let i = 0; i < 20 && !h.slack.dms(USERS.requester).some((m) => JSON.stringify(m.blocks).includes('"Reveal"')); i++) {
      h.clock.advance('10m');
      await h.settle();
    }
    h.slack.faults.reset();
    const approvals = h.slack.messages({ channel: h.config.approvalChannel }).filter((m) => !m.thread_ts && m.text.includes(r.id));
    expect(approvals).toHaveLength(1);
    expect(h.slack.dms(USERS.requester).filter((m) => JSON.stringify(m.blocks).includes('"Reveal"'))).toHaveLength(1);
    expect(h.slack.calls.some((c) => !c.ok && (c.status === 429 || c.status === 500))).toBe(true);
  });
});

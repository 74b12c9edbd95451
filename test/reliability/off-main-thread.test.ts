import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { reportOf, requestImport, submitImport } from '../harness/import-steps.js';
import { USERS } from '../harness/users.js';

/**
 * The import worker spins this long before it parses (KEYBOT_TEST_SLOW_PARSE_MS, honoured only
 * under NODE_ENV=test): a stand-in for a parser that takes seconds on a large export.
 */
const SLOW_PARSE_MS = 3_000;

let h: Harness;
afterEach(async () => {
  delete process.env['KEYBOT_TEST_SLOW_PARSE_MS'];
  delete process.env['KEYBOT_TEST_SLOW_BATCH_MS'];
  await h.close();
});

const csv = Buffer.from(['key,alias,api_ids', 'offloop-key-0001,client-1,orders-api', 'offloop-key-0002,client-2,orders-api'].join('\n'));
const dms = (user: string) =>
  h.slack
    .dms(user)
    .map((m) => m.text)
    .join('\n');

describe('parsing an export', () => {
  it('runs off the main thread: /healthz answers and the loop stays free while a slow parser works', async () => {
    h = await startHarness();
    process.env['KEYBOT_TEST_SLOW_PARSE_MS'] = String(SLOW_PARSE_MS);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    await submitImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: csv }], dryRun: true });

    // while the worker spins, the bot (same process, same event loop as this test) keeps answering
    const health = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
    expect(health.status).toBe(200);
    expect(dms(USERS.requester)).not.toContain('*Dry run*');

    await h.until(() => dms(USERS.requester).includes('*Dry run*'), 'the dry-run preview');
    delay.disable();
    // a parser on the main thread would have held the loop for the whole SLOW_PARSE_MS
    expect(delay.max / 1e6).toBeLessThan(SLOW_PARSE_MS / 2);
    expect(dms(USERS.requester)).toContain('new 2');
  });

  it('reads one draft per requester at a time: a second dry run while the first is read gets a reply, not a second worker', async () => {
    h = await startHarness();
    process.env['KEYBOT_TEST_SLOW_PARSE_MS'] = String(SLOW_PARSE_MS);
    const form = { format: 'csv' as const, files: [{ name: 'keys.csv', content: csv }], dryRun: true };
    await submitImport(h, form);
    await submitImport(h, form);
    await h.until(() => dms(USERS.requester).includes('A dry run of yours is already running'), 'the refusal of the second dry run');
    await h.until(() => dms(USERS.requester).includes('*Dry run*'), 'the first dry run');
    expect(dms(USERS.requester).match(/\*Dry run\*/g)).toHaveLength(1);
  });
});

/** The batch's worker spins this long before its first key (KEYBOT_TEST_SLOW_BATCH_MS, only under NODE_ENV=test): a batch's CPU. */
const SLOW_BATCH_MS = 3_000;

describe('executing an approved import', () => {
  it('runs off the main thread: /healthz and an ack answer and the loop stays free while the batch works', async () => {
    h = await startHarness();
    const rows = Array.from({ length: 20 }, (_, i) => `offloop-exec-${String(i).padStart(4, '0')},client-${i},orders-api`);
    const r = await requestImport(h, {
      format: 'csv',
      files: [{ name: 'keys.csv', content: Buffer.from(['key,alias,api_ids', ...rows].join('\n')) }],
    });
    process.env['KEYBOT_TEST_SLOW_BATCH_MS'] = String(SLOW_BATCH_MS);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    await h.driver.click(await h.approvalMessage(r.id), 'Approve', { user: USERS.approver1 });
    // h.until would wait for the running job itself; poll the log for the worker's first line instead
    const started = () => h.logs.lines.find((l) => l.includes('import batch started in its worker thread'));
    for (let i = 0; i < 500 && !started(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const line = JSON.parse(started() ?? '{}') as { threadId?: number; requestId?: string };
    expect(line.requestId).toBe(r.id);
    expect(line.threadId, 'the batch runs in a worker thread, not on the main one (0)').toBeGreaterThan(0);

    // while the worker spins, the bot (same process, same event loop as this test) keeps answering
    const health = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
    expect(health.status).toBe(200);
    const ack = await h.driver.command('/rotate-key', 'help', { user: USERS.requester });
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(SLOW_BATCH_MS / 3);
    expect(h.tyk.findByRaw(rows[0]?.split(',')[0] as string), 'no key yet: the worker is still spinning').toBeUndefined();

    const report = await h.until(() => reportOf(h, r.id), 'the import report');
    delay.disable();
    // a batch on the main thread would have held the loop for the whole SLOW_BATCH_MS
    expect(delay.max / 1e6).toBeLessThan(SLOW_BATCH_MS / 2);
    expect(report.text).toMatch(/^Import finished/);
    for (const row of rows) expect(h.tyk.findByRaw(row.split(',')[0] as string)).toBeDefined();
    expect(h.bot.store.requests.get(r.id)?.status).toBe('succeeded');
  });
});

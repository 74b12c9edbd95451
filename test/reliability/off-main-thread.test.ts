import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { submitImport } from '../harness/import-steps.js';
import { USERS } from '../harness/users.js';

/**
 * The import worker spins this long before it parses (KEYBOT_TEST_SLOW_PARSE_MS, honoured only
 * under NODE_ENV=test): a stand-in for a parser that takes seconds on a large export.
 */
const SLOW_PARSE_MS = 3_000;

let h: Harness;
afterEach(async () => {
  delete process.env['KEYBOT_TEST_SLOW_PARSE_MS'];
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

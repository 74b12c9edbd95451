import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { reportOf, requestImport } from '../harness/import-steps.js';
import { type ProcessHarness, startProcessHarness } from '../harness/process-harness.js';
import { APPROVAL_CHANNEL, USERS } from '../harness/users.js';

let h: ProcessHarness | Harness | undefined;
afterEach(() => h?.close());

/** True while any process of the group `pgid` exists. */
const groupAlive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

const ORDERS = { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } };

describe('SIGTERM to npm start', () => {
  it('stops the whole process tree within 10 s, exits 0, and the job it was running resumes on the next start', async () => {
    const p = await startProcessHarness({ npmStart: true, env: { MIN_GRACE: '1s', TYK_TIMEOUT: '30s' } });
    h = p;
    expect(p.bot.lines.join('\n')).toMatch(/settings read from the env file/);
    p.tyk.seedKey({ raw: 'sigterm-rotate-key-1', session: { alias: 'sigterm', access_rights: ORDERS } });
    await p.driver.command('/rotate-key', 'sigterm-rotate-key-1 --grace 1h', { user: USERS.requester });
    const approval = await p.slack.waitFor(
      () => p.slack.messages({ channel: APPROVAL_CHANNEL }).find((m) => !m.thread_ts && JSON.stringify(m.blocks).includes('"Approve"')),
      { what: 'the approval message' },
    );
    p.tyk.faults.hangNext(100, /^GET \/tyk\/keys\//); // the execute job starts and waits on Tyk
    await p.driver.click(approval, 'Approve', { user: USERS.approver1 });
    // running: the execute job has begun and waits on its (hanging) key read; the click's work runs after its ack
    await p.slack.waitFor(() => p.bot.lines.some((l) => l.includes('"status":"running"')), {
      what: 'the job to be waiting on Tyk',
    });

    const pgid = p.bot.child.pid as number;
    const exited = new Promise<number | null>((resolve) => p.bot.child.once('exit', (code) => resolve(code)));
    const started = Date.now();
    process.kill(pgid, 'SIGTERM'); // what systemd or a terminal sends to npm
    expect(await exited).toBe(0);
    while (groupAlive(pgid) && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 50));
    const ms = Date.now() - started;
    expect(groupAlive(pgid), 'no process of the npm start tree is left').toBe(false);
    expect(ms).toBeLessThan(10_000);
    expect(p.bot.lines.join('\n')).toMatch(/"returned":1.*returned to the queue/);
    expect(p.bot.lines.join('\n')).toMatch(/"msg":"tyk-keybot stopped"/);

    p.tyk.faults.reset();
    await p.restart();
    await p.slack.waitFor(() => p.slack.dms(USERS.requester).some((m) => JSON.stringify(m.blocks).includes('"Reveal"')), {
      what: 'the rotation to finish after the restart',
    });
    expect(p.tyk.keys()).toHaveLength(2); // the old key and exactly one new one
  });
});

describe('stopping the bot during an import', () => {
  it('ends the batch worker (no key is created after the stop) and the next start finishes the import, every key once', async () => {
    const harness = await startHarness({ env: { IMPORT_CONCURRENCY: '2' } });
    h = harness;
    const keys = Array.from({ length: 300 }, (_, i) => `stop-import-key-${String(i).padStart(4, '0')}`);
    const csv = Buffer.from(['key,alias,api_ids', ...keys.map((k, i) => `${k},client-${i},orders-api`)].join('\n'));
    const r = await requestImport(harness, { format: 'csv', files: [{ name: 'keys.csv', content: csv }] });
    harness.tyk.faults.latencyMs = 20; // about 3 s of batch
    await harness.driver.click(await harness.approvalMessage(r.id), 'Approve', { user: USERS.approver1 });
    await harness.slack.waitFor(() => harness.tyk.keys().length >= 20, { what: '20 keys created' });

    await harness.restart({
      drainMs: 50,
      between: async () => {
        // a create sent just before the stop still lands (Tyk answers it 20 ms later); then nothing more
        await new Promise((resolve) => setTimeout(resolve, 100));
        const atStop = harness.tyk.keys().length;
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(harness.tyk.keys().length, 'the worker was ended with the bot').toBe(atStop);
        expect(atStop).toBeLessThan(keys.length);
      },
    });
    expect(harness.logs.text()).toMatch(/returned to the queue/);

    harness.tyk.faults.latencyMs = 0;
    const report = await harness.until(() => reportOf(harness, r.id), 'the import report after the restart');
    expect(report.text).toMatch(/^Import finished/);
    expect(harness.tyk.keys()).toHaveLength(keys.length);
    expect(
      harness.slack.messages({ channel: harness.config.approvalChannel }).filter((m) => m.text.startsWith('Import finished')),
    ).toHaveLength(1);
  });
});

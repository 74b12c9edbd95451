import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { reportOf, requestImport } from '../harness/import-steps.js';
import { requestRotation, revealValue } from '../harness/rotation-steps.js';
import { findLeaks } from '../harness/secret-scan.js';
import { USERS } from '../harness/users.js';

let h: Harness;
afterEach(() => h.close());

const RAW = 'operator-log-key-0001';
const ORDERS = { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } };
const linesAt = (level: number, msg: string) =>
  h.logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['level'] === level && l['msg'] === msg);
const infoLines = (msg: string) => linesAt(30, msg);
const IMPORTED = ['operator-log-import-0001', 'operator-log-import-0002', 'operator-log-import-0003'];

describe('the operator log', () => {
  it('has one info line per request state change and per Tyk write, with fingerprints only', async () => {
    h = await startHarness();
    h.tyk.seedKey({ raw: RAW, session: { alias: 'oplog', access_rights: ORDERS } });
    const id = await requestRotation(h, `${RAW} --grace 1h`);
    const fresh = await revealValue(h, USERS.requester);

    const states = infoLines('request state changed').filter((l) => JSON.stringify(l).includes(id));
    expect(states.map((l) => l['status'])).toEqual(['pending', 'approved', 'running']);
    const writes = infoLines('tyk write');
    // the new key is created with the old key's session: a write, named by method and path template
    expect(writes.some((l) => l['method'] === 'POST')).toBe(true);
    expect(writes.every((l) => !JSON.stringify(l).includes(RAW) && !JSON.stringify(l).includes(fresh))).toBe(true);
    expect(writes.flatMap((l) => l['targets'] as string[]).every((t) => /^\w+=fp:[0-9a-f]{8}$/.test(t))).toBe(true);
    expect(findLeaks(h, [RAW, fresh])).toEqual([]);
  });

  it("logs an import's per-key creates at debug and one info line for the batch, with counts and fingerprints only", async () => {
    h = await startHarness();
    const content = Buffer.from(['key,alias,api_ids', ...IMPORTED.map((k, i) => `${k},oplog-${i},orders-api`)].join('\n'));
    const r = await requestImport(h, { format: 'csv', files: [{ name: 'keys.csv', content }] });
    await h.driver.click(await h.approvalMessage(r.id), 'Approve', { user: USERS.approver1 });
    await h.until(() => reportOf(h, r.id), 'the import report');

    // a batch may hold a million keys: its creates are not one info line each
    const creates = (lines: Record<string, unknown>[]) => lines.filter((l) => l['method'] === 'POST' && l['path'] === '/tyk/keys/{id}');
    expect(creates(infoLines('tyk write'))).toEqual([]);
    const debug = creates(linesAt(20, 'tyk write'));
    expect(debug).toHaveLength(IMPORTED.length);
    expect(debug.flatMap((l) => l['targets'] as string[]).every((t) => /^\w+=fp:[0-9a-f]{8}$/.test(t))).toBe(true);
    const batch = infoLines('import tyk writes');
    expect(batch).toHaveLength(1);
    expect(batch[0]).toMatchObject({ requestId: r.id, outcome: 'finished', created: IMPORTED.length, overwritten: 0, failed: 0 });
    const states = infoLines('request state changed').filter((l) => JSON.stringify(l).includes(r.id));
    expect(states.length).toBeGreaterThan(0);
    expect(findLeaks(h, IMPORTED)).toEqual([]);
  });
});

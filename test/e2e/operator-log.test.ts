import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { requestRotation, revealValue } from '../harness/rotation-steps.js';
import { findLeaks } from '../harness/secret-scan.js';
import { USERS } from '../harness/users.js';

let h: Harness;
afterEach(() => h.close());

const RAW = 'operator-log-key-0001';
const ORDERS = { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } };
const infoLines = (msg: string) =>
  h.logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['level'] === 30 && l['msg'] === msg);

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
});

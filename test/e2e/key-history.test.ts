import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/secret.js';
import { type Harness, startHarness } from '../harness/harness.js';
import { requestRotation, revealValue } from '../harness/rotation-steps.js';
import { findLeaks } from '../harness/secret-scan.js';
import { USERS } from '../harness/users.js';

let h: Harness;
afterEach(() => h.close());

const RAW = 'history-key-000001';

const ask = async (text: string, user: string = USERS.requester) => {
  const before = h.slack.messages({ ephemeralTo: user }).length;
  await h.driver.command('/key-history', text, { user });
  const m = await h.until(() => h.slack.messages({ ephemeralTo: user })[before], `the answer to /key-history ${text.slice(0, 20)}`);
  return JSON.stringify(m.blocks ?? m.text);
};

describe('/key-history', () => {
  it('follows a key through two rotations, by value, by @user and by request ID, showing fingerprints only', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m' } });
    h.tyk.seedKey({
      raw: RAW,
      session: { alias: 'historic', access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } } },
    });
    const first = await requestRotation(h, `${RAW} --grace 1h`);
    const second = await revealValue(h, USERS.requester);
    h.clock.advance('1h');
    await h.until(() => h.bot.store.requests.get(first)?.status === 'succeeded', 'the first retirement');
    const secondId = await requestRotation(h, `${second} --grace 1h`, USERS.approver2);

    const byOldKey = await ask(RAW);
    expect(byOldKey).toContain(first);
    expect(byOldKey).toContain(secondId); // old → new → newer
    expect(byOldKey).toContain(fingerprint(RAW));
    for (const event of ['requested', 'approved', 'new-key-created', 'handed-over', 'retired']) expect(byOldKey).toContain(event);
    expect(await ask(`<@${USERS.requester}|rita>`)).toContain(secondId);
    expect(await ask(first)).not.toContain(secondId);
    expect(await ask('help')).toContain('Usage: `/key-history');
    expect(findLeaks(h, [RAW, second])).toEqual([]);
  });

  it('shows the steps of a request only to approvers, its requester and its recipients; others see that it exists', async () => {
    h = await startHarness();
    h.tyk.seedKey({
      raw: RAW,
      session: { alias: 'historic', access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } } },
    });
    const id = await requestRotation(h, `${RAW} --grace 1h`);
    const outsider = await ask(id, USERS.outsider);
    expect(outsider).toContain(id);
    expect(outsider).toContain('shown to approvers, its requester');
    for (const event of ['approved', 'new-key-created', 'handed-over']) expect(outsider).not.toContain(event);
    expect(await ask(id, USERS.requester)).toContain('new-key-created');
    expect(await ask(id, USERS.approver2)).toContain('new-key-created');
  });
});

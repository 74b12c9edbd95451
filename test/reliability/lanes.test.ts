import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { ephemeral } from '../harness/rotation-steps.js';
import { USERS } from '../harness/users.js';

let h: Harness;
afterEach(() => h.close());

const grant = { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } };
const requests = () => h.bot.store.requests.byRequester(USERS.requester);
const busyAnswers = () =>
  ephemeral(h, USERS.requester)
    .split('\n')
    .filter((t) => t.startsWith('Busy:')).length;

describe('after-ack lanes', () => {
  it("ten slow commands by one user do not hold up another user's Approve click; the third is answered busy", async () => {
    h = await startHarness({ env: { REQUIRED_APPROVALS: '2' } });
    h.tyk.seedKey({ raw: 'lane-key-pending-01', session: { alias: 'pending', access_rights: grant } });
    await h.driver.command('/rotate-key', 'lane-key-pending-01', { user: USERS.requester });
    const pending = await h.until(() => requests()[0], 'the request to approve');
    const approval = await h.approvalMessage(pending.id);

    // From now on every key lookup hangs: each command's draft waits on Tyk until its timeout.
    h.tyk.faults.hangNext(1_000, /^GET \/tyk\/keys\//);
    for (let i = 0; i < 10; i++) {
      expect((await h.driver.command('/rotate-key', `lane-key-slow-${i}`, { user: USERS.requester })).status).toBe(200);
    }
    await h.until(() => busyAnswers() === 8, 'busy answers to the third and later commands');
    expect(ephemeral(h, USERS.requester)).toContain('Busy: you already have 2 requests being worked on. Try again');

    await h.driver.click(approval, 'Approve', { user: USERS.approver1 });
    await h.until(() => ephemeral(h, USERS.approver1).includes(`Your approval of ${pending.id} is recorded`), 'the click handled');
    // The two accepted commands are still waiting on Tyk: the click did not queue behind them.
    expect(
      ephemeral(h, USERS.requester)
        .split('\n')
        .filter((t) => !t.startsWith('Busy:')),
    ).toHaveLength(1); // the first request's own answer
    expect(requests()).toHaveLength(1);
    h.tyk.faults.reset();
  });

  it('a command past its time limit is answered that it timed out, and frees its place', async () => {
    // a limit that leaves the third, unhindered command ample time on a loaded machine; the hung ones wait for Tyk's 10 s timeout
    h = await startHarness({ lanes: { commands: { timeLimitMs: 5_000 } } });
    h.tyk.seedKey({ raw: 'lane-key-timeout-1', session: { alias: 'slow', access_rights: grant } });
    h.tyk.faults.hangNext(2, /^GET \/tyk\/keys\//);
    await h.driver.command('/rotate-key', 'lane-key-timeout-1', { user: USERS.requester });
    await h.driver.command('/rotate-key', 'lane-key-timeout-1', { user: USERS.requester });
    await h.until(
      () =>
        ephemeral(h, USERS.requester)
          .split('\n')
          .filter((t) => t.startsWith('Timed out:')).length === 2,
      'two time-outs',
    );
    expect(ephemeral(h, USERS.requester)).toContain('Timed out: this took longer than 5s.');
    h.tyk.faults.reset();
    h.tyk.seedKey({ raw: 'lane-key-timeout-2', session: { alias: 'next-one', access_rights: grant } });
    await h.driver.command('/rotate-key', 'lane-key-timeout-2', { user: USERS.requester });
    await h
      .until(() => /Requested req_[\w-]+: .*next-one/.test(ephemeral(h, USERS.requester)), 'the next command runs: not busy')
      .catch((e) => {
        throw new Error(`${(e as Error).message}; the requester was told:\n${ephemeral(h, USERS.requester)}`);
      });
    expect(busyAnswers()).toBe(0);
  });
});

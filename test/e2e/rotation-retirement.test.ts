import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { ephemeral, latestNotice, requestRotation, revealValue } from '../harness/rotation-steps.js';
import type { StoredMessage } from '../harness/slack-fake/index.js';
import { USERS } from '../harness/users.js';

const RAW = 'partner-key-0001';
const grant = { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } };
const WITH_QUOTA = { alias: 'partner', rate: 100, per: 60, quota_max: 1000, quota_renewal_rate: 3600, access_rights: grant };
const NO_QUOTA = { alias: 'partner', rate: 100, per: 60, quota_max: -1, quota_renewal_rate: -1, access_rights: grant };

let h: Harness;
afterEach(() => h.close());

const status = (id: string) => h.bot.store.requests.get(id)?.status;
const reminder = () => h.until(() => latestNotice(h, /retires at|held/), 'a reminder');

describe('retirement of the old key', () => {
  it('holds retirement while the old key is still used, reminds, and retires on Retire now', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m' } });
    h.tyk.seedKey({ raw: RAW, session: WITH_QUOTA });
    const id = await requestRotation(h, `${RAW} --grace 10m`);
    expect(h.tyk.consume('orders-api', RAW).status).toBe(200); // a client still on the old key
    h.clock.advance('10m');
    const held = await h.until(() => latestNotice(h, /held/), 'the held warning');
    expect(held.text).toContain('still in use');
    expect(status(id)).toBe('running');
    expect(h.tyk.consume('orders-api', RAW).status).toBe(200);

    await h.driver.click(held, 'Retire now', { user: USERS.requester });
    await h.until(() => ephemeral(h, USERS.requester).includes('Only approvers can do this'), 'refusal for the requester');
    await h.driver.click(held, 'Retire now', { user: USERS.approver2 });
    await h.until(() => status(id) === 'succeeded', 'retirement');
    h.clock.advance('11s'); // past `expire`'s lead and the gateway's 10 s session cache
    expect(h.tyk.consume('orders-api', RAW).status).toBe(401);
    expect(h.bot.store.history.forRequest(id).map((e) => e.event)).toEqual(
      expect.arrayContaining(['retirement-held', 'retire-now', 'retired']),
    );
  });

  it('with a Dashboard, holds retirement when key analytics show a use in the last hour', async () => {
    h = await startHarness({ target: 'dashboard', env: { MIN_GRACE: '1m' } });
    h.tyk.seedKey({ raw: RAW, session: NO_QUOTA }); // no quota: only analytics can tell it is used
    const id = await requestRotation(h, `${RAW} --grace 2h`);
    h.clock.advance('90m');
    h.tyk.consume('orders-api', RAW);
    h.clock.advance('30m');
    const held = await h.until(() => latestNotice(h, /held/), 'the held warning');
    expect(held.text).toContain('still in use');
    expect(status(id)).toBe('running');
    h.clock.advance('2h'); // no use for two hours: the next check retires it
    await h.until(() => status(id) === 'succeeded', 'retirement once unused');
  });

  it('re-applies a retirement that the gateway session cache wrote back, and says why', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m' } });
    h.tyk.seedKey({ raw: RAW, session: WITH_QUOTA });
    const id = await requestRotation(h, `${RAW} --grace 10m`);
    h.tyk.consume('orders-api', RAW); // a client still calling: the gateway caches the old session
    h.clock.advance('10m');
    const held = await h.until(() => latestNotice(h, /held/), 'the held warning');
    h.tyk.consume('orders-api', RAW);
    await h.driver.click(held, 'Retire now', { user: USERS.approver1 });
    await h.until(() => status(id) === 'succeeded', 'retirement');
    for (let i = 0; i < 3; i++) {
      h.clock.advance('3s');
      expect(h.tyk.consume('orders-api', RAW).status).toBe(200); // each cached request writes the old session back
    }
    h.clock.advance('30s');
    await h.until(() => h.bot.store.history.forRequest(id).some((e) => e.event === 'retirement-reapplied'), 'the re-applied retirement');
    expect(h.slack.messages().some((m) => m.text.includes('disable_cached_session_state'))).toBe(true);
    h.clock.advance('11s');
    expect(h.tyk.consume('orders-api', RAW).status).toBe(401);
  });

  // GET shows quota_max minus the live counter only while one exists; once the window runs out unused, a
  // key with policies reads 0 (docs/tyk-behaviour.md "Version table"), which is no sign of use.
  it('does not read a quiet quota renewal of a key with policies as use', async () => {
    // 5.8 sends every field, so the 0 is read, not left out as 5.12+ does
    h = await startHarness({ env: { MIN_GRACE: '1m' }, tyk: { version: '5.8.8' } });
    h.tyk.seedKey({ raw: RAW, session: { alias: 'partner', apply_policies: ['gold-policy'] } });
    expect(h.tyk.consume('orders-api', RAW).status).toBe(200); // last used before the rotation: a counter exists
    const id = await requestRotation(h, `${RAW} --grace 90m`);
    h.clock.advance('30m');
    await h.settle();
    h.clock.advance('60m'); // the 1 h quota window has run out, with no request since
    await h.until(() => status(id) === 'succeeded', 'retirement');
    expect(h.bot.store.history.forRequest(id).map((e) => e.event)).not.toContain('retirement-held');
  });

  it('retires after the hold limit even while the key is used', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m', RETIRE_HOLD_LIMIT: '2h', RETIRE_HOLD_RECHECK: '1h' } });
    h.tyk.seedKey({ raw: RAW, session: WITH_QUOTA });
    const id = await requestRotation(h, `${RAW} --grace 10m`);
    for (const step of ['10m', '1h', '1h']) {
      h.tyk.consume('orders-api', RAW);
      h.clock.advance(step);
      await h.settle();
    }
    expect(status(id)).toBe('succeeded');
    expect(h.bot.store.history.forRequest(id).filter((e) => e.event === 'retirement-held').length).toBeGreaterThanOrEqual(1);
  });

  it('Extend grace moves retirement later, for the requester and approvers only', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m' } });
    h.tyk.seedKey({ raw: RAW, session: NO_QUOTA });
    const id = await requestRotation(h, `${RAW} --grace 2h`);
    await revealValue(h, USERS.requester); // else the hold for an unrevealed new key applies
    h.clock.advance('1h'); // REMINDERS=24h,1h: the 1h reminder is due now
    const msg = await reminder();
    await h.driver.click(msg, 'Extend grace', { user: USERS.outsider });
    await h.until(() => ephemeral(h, USERS.outsider).includes('Only approvers and the person who asked'), 'outsider refused');
    await h.driver.click(msg, 'Extend grace', { user: USERS.requester });
    const modal = await h.until(() => h.slack.views(USERS.requester).at(-1), 'extend modal');
    await h.driver.submitView(
      modal.view,
      { extend_by: { extend_by_input: { type: 'plain_text_input', value: '1d' } } },
      { user: USERS.requester },
    );
    await h.until(() => h.bot.store.history.forRequest(id).some((e) => e.event === 'grace-extended'), 'extension');
    h.clock.advance('1h');
    await h.settle();
    expect(status(id)).toBe('running');
    expect(h.tyk.consume('orders-api', RAW).status).toBe(200);
    h.clock.advance('1d');
    await h.until(() => status(id) === 'succeeded', 'retirement after the extension');
  });

  it('an extension beyond MAX_GRACE needs approval again', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m', MAX_GRACE: '3d', DEFAULT_GRACE: '1d' } });
    h.tyk.seedKey({ raw: RAW, session: NO_QUOTA });
    const id = await requestRotation(h, `${RAW} --grace 2d`);
    await revealValue(h, USERS.requester); // else the hold for an unrevealed new key applies
    h.clock.advance('1d');
    const msg = await reminder();
    const shown = h.slack.views(USERS.requester).length; // the Reveal modal is already there
    await h.driver.click(msg, 'Extend grace', { user: USERS.requester });
    const modal = await h.until(() => h.slack.views(USERS.requester)[shown], 'extend modal');
    await h.driver.submitView(
      modal.view,
      { extend_by: { extend_by_input: { type: 'plain_text_input', value: '5d' } } },
      { user: USERS.requester },
    );
    const ext = await h.until(
      () => h.bot.store.requests.byRequester(USERS.requester).find((r) => r.kind === 'extend-grace'),
      'the extension request',
    );
    expect(h.bot.store.history.forRequest(id).map((e) => e.event)).not.toContain('grace-extended'); // nothing moved yet
    await h.driver.click(await h.approvalMessage(ext.id), 'Approve', { user: USERS.approver1 });
    await h.until(() => status(ext.id) === 'succeeded', 'the approved extension');
    h.clock.advance('1d');
    await h.settle();
    expect(status(id)).toBe('running'); // the original end has passed; the key still works
    expect(h.tyk.consume('orders-api', RAW).status).toBe(200);
    h.clock.advance('5d');
    await h.until(() => status(id) === 'succeeded', 'retirement at the extended time');
  });

  it('Cancel stops retirement and keeps both keys; only approvers or the requester may', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m' } });
    h.tyk.seedKey({ raw: RAW, session: NO_QUOTA });
    const id = await requestRotation(h, `${RAW} --grace 1h`);
    const newKey = await revealValue(h, USERS.requester);
    const msg = await reminder();
    await h.driver.click(msg, 'Cancel', { user: USERS.outsider });
    await h.until(() => ephemeral(h, USERS.outsider).includes('Only approvers and the person who asked'), 'outsider refused');
    expect(h.bot.store.requests.get(id)?.state).not.toHaveProperty('cancelledAt');
    await h.driver.click(msg, 'Cancel', { user: USERS.requester });
    await h.until(() => status(id) === 'succeeded', 'cancellation');
    h.clock.advance('2h');
    await h.settle();
    expect(h.tyk.consume('orders-api', RAW).status).toBe(200);
    expect(h.tyk.consume('orders-api', newKey).status).toBe(200);
    expect(h.bot.store.history.forRequest(id).map((e) => e.event)).toContain('retirement-cancelled');
    expect(h.bot.store.history.forRequest(id).map((e) => e.event)).not.toContain('retired');
  });

  it('Restore undoes an expire retirement, for approvers only', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m' } });
    h.tyk.seedKey({ raw: RAW, session: NO_QUOTA });
    const id = await requestRotation(h, `${RAW} --grace 1h`);
    h.clock.advance('1h');
    const result = (await h.until(() => latestNotice(h, /expired/), 'the retirement result')) as StoredMessage;
    h.clock.advance('6s');
    expect(h.tyk.consume('orders-api', RAW).status).toBe(401);
    await h.driver.click(result, 'Restore', { user: USERS.requester });
    await h.until(() => ephemeral(h, USERS.requester).includes('Only approvers can do this'), 'requester refused');
    await h.driver.click(result, 'Restore', { user: USERS.approver1 });
    await h.until(() => h.bot.store.history.forRequest(id).some((e) => e.event === 'restored'), 'restore');
    h.clock.advance('11s'); // the gateway answers from its session cache for up to 10 s
    expect(h.tyk.consume('orders-api', RAW).status).toBe(200);
  });

  it('falls back to expire when a gateway ignores is_inactive for a key with policies', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m', OLD_KEY_ACTION: 'deactivate' }, tyk: { version: '5.12' } });
    h.tyk.seedKey({ raw: RAW, session: { ...NO_QUOTA, apply_policies: ['silver-policy'] } });
    const id = await requestRotation(h, `${RAW} --grace 1h`);
    h.clock.advance('1h');
    await h.until(() => status(id) === 'succeeded', 'retirement');
    h.clock.advance('6s');
    expect(h.tyk.consume('orders-api', RAW).status).toBe(401);
    expect(JSON.stringify(h.bot.store.history.forRequest(id).find((e) => e.event === 'retired')?.data)).toContain(
      'is_inactive was ignored',
    );
  });

  it.each(['deactivate', 'delete'] as const)('retires with OLD_KEY_ACTION=%s', async (action) => {
    h = await startHarness({ env: { MIN_GRACE: '1m', OLD_KEY_ACTION: action } });
    h.tyk.seedKey({ raw: RAW, session: NO_QUOTA });
    const id = await requestRotation(h, `${RAW} --grace 1h`);
    h.clock.advance('1h');
    await h.until(() => status(id) === 'succeeded', 'retirement');
    expect(h.tyk.consume('orders-api', RAW).status).toBe(403);
  });

  it('counts RETIRE_HOLD_LIMIT from the extended grace end, so an extension longer than the limit still holds an in-use key', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m', RETIRE_HOLD_LIMIT: '2h', RETIRE_HOLD_RECHECK: '1h' } });
    h.tyk.seedKey({ raw: RAW, session: WITH_QUOTA });
    const id = await requestRotation(h, `${RAW} --grace 2h`);
    await revealValue(h, USERS.requester); // the new key reached the consumer: only the in-use rule can hold
    h.clock.advance('1h');
    const msg = await reminder();
    const shown = h.slack.views(USERS.requester).length;
    await h.driver.click(msg, 'Extend grace', { user: USERS.requester });
    const modal = await h.until(() => h.slack.views(USERS.requester)[shown], 'extend modal');
    await h.driver.submitView(
      modal.view,
      { extend_by: { extend_by_input: { type: 'plain_text_input', value: '1d' } } },
      { user: USERS.requester },
    );
    await h.until(() => h.bot.store.history.forRequest(id).some((e) => e.event === 'grace-extended'), 'extension');
    h.clock.advance('1d'); // the last reminder (1 h before the new end) takes a quota reading
    await h.settle();
    h.clock.advance('30m');
    h.tyk.consume('orders-api', RAW); // a client still on the old key (within the quota's 1 h renewal window)
    h.clock.advance('30m'); // the extended grace end: 1 d past the original one, far beyond the 2 h hold limit
    const held = await h.until(() => h.bot.store.history.forRequest(id).find((e) => e.event === 'retirement-held'), 'the hold');
    expect(held.data).toMatchObject({ reason: 'old key still in use' });
    expect(status(id)).toBe('running');
    expect(h.tyk.consume('orders-api', RAW).status).toBe(200);
  });

  it('a Cancel that lands while the retire job is already running wins: the old key is not retired', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m' } });
    h.tyk.seedKey({ raw: RAW, session: NO_QUOTA });
    const id = await requestRotation(h, `${RAW} --grace 1h`);
    const msg = await reminder();
    h.tyk.faults.latencyMs = 1000; // each Tyk call of the retire job takes a second
    const running = () => h.bot.store.jobs.forRequest(id).some((j) => j.step === 'retire' && j.status === 'running');
    h.clock.advance('1h');
    const job = h.bot.scheduler.runDue(); // not awaited: the click lands while the job waits on Tyk
    while (!running()) await new Promise((r) => setTimeout(r, 5));
    await h.driver.click(msg, 'Cancel', { user: USERS.requester });
    await h.slack.waitFor(() => h.bot.store.history.forRequest(id).some((e) => e.event === 'retirement-cancelled'), { what: 'the cancel' });
    await job;
    await h.settle();
    h.tyk.faults.latencyMs = 0;
    h.clock.advance('11s');
    expect(h.tyk.consume('orders-api', RAW).status).toBe(200);
    expect(h.bot.store.history.forRequest(id).map((e) => e.event)).not.toContain('retired');
  });

  it('holds retirement when the new key was never revealed before REVEAL_TTL erased it, and says so in the thread', async () => {
    h = await startHarness({ env: { MIN_GRACE: '1m', REVEAL_TTL: '1h' } });
    h.tyk.seedKey({ raw: RAW, session: NO_QUOTA });
    const id = await requestRotation(h, `${RAW} --grace 2h`);
    h.clock.advance('61m'); // nobody clicked Reveal: the value is erased
    await h.settle();
    h.clock.advance('1h');
    const held = await h.until(() => latestNotice(h, /held/), 'the held warning');
    expect(JSON.stringify(held.blocks)).toContain('nobody revealed the new key');
    expect(status(id)).toBe('running');
    expect(h.tyk.consume('orders-api', RAW).status).toBe(200);
    await h.driver.click(held, 'Retire now', { user: USERS.approver1 }); // an approver can still decide
    await h.until(() => status(id) === 'succeeded', 'retirement on Retire now');
  });
});

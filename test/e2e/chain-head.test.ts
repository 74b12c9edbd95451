import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { cliTerminal } from '../harness/cli-env.js';
import { type Harness, startHarness } from '../harness/harness.js';
import { requestRotation } from '../harness/rotation-steps.js';
import { NOTIFY_CHANNEL } from '../harness/users.js';

let h: Harness;
afterEach(() => h.close());

const heads = () => h.slack.messages({ channel: NOTIFY_CHANNEL }).filter((m) => m.text.startsWith('History chain head'));

describe('the history chain head', () => {
  it('is posted to NOTIFY_CHANNEL once a day with the MAC that audit verify prints', async () => {
    h = await startHarness();
    h.tyk.seedKey({
      raw: 'chain-head-key-0001',
      session: { alias: 'c', access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } } },
    });
    await requestRotation(h, 'chain-head-key-0001 --grace 1h');
    expect(await h.bot.workflows.postChainHead()).toBe(false); // the first post comes a day after the first row
    h.clock.advance('25h');
    const head = h.bot.store.history.head();
    expect(await h.bot.workflows.postChainHead()).toBe(true);
    expect(await h.bot.workflows.postChainHead()).toBe(false); // not again the same day
    const [posted] = heads();
    expect(posted?.text).toContain(`row ${head.seq}, MAC \`${head.mac}\``);

    const t = cliTerminal();
    const env = { KEYBOT_DB: h.config.dbPath, KEYBOT_SECRET_KEY: h.config.secretKey.toString('base64') };
    expect(await runCli(['audit', 'verify'], t.io, env)).toBe(0);
    const out = t.out;
    const verified = h.bot.store.history.verify();
    expect(verified.ok).toBe(true);
    // the posted row is still in the chain with the posted MAC; the head moved on by the post's own row
    expect(out.join('')).toContain(`head row ${head.seq + 1}`);

    h.clock.advance('25h');
    expect(await h.bot.workflows.postChainHead()).toBe(true);
    expect(heads()).toHaveLength(2);
  });

  it('is also posted with every hygiene digest, and recorded as posted like the daily post', async () => {
    h = await startHarness();
    h.tyk.seedKey({
      raw: 'chain-head-key-0002',
      session: { alias: 'd', access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } } },
    });
    await requestRotation(h, 'chain-head-key-0002 --grace 1h');
    h.clock.advance('2h');
    const head = h.bot.store.history.head();
    await h.bot.runHygiene();
    const digest = await h.until(
      () => h.slack.messages({ channel: NOTIFY_CHANNEL }).find((m) => !m.thread_ts && m.text.startsWith('Key hygiene')),
      'the digest',
    );
    const context = (digest.blocks ?? []).filter((b: any) => b.type === 'context').map((b) => JSON.stringify(b));
    expect(context.join('\n')).toContain(`History chain head: row ${head.seq}, MAC \`${head.mac}\``);
    expect(h.bot.store.history.lastAt('chain-head-posted')).toBe(h.clock.now());
    expect(h.bot.store.history.verify().ok).toBe(true);
    // the daily post counts from the last post, the digest's included
    h.clock.advance('23h');
    expect(await h.bot.workflows.postChainHead()).toBe(false);
    h.clock.advance('2h');
    expect(await h.bot.workflows.postChainHead()).toBe(true);
  });
});

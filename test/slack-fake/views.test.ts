import type { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { type SlackFake, startSlackFake } from '../harness/slack-fake/index.js';
import { webClientFor } from '../harness/slack-fake/web-client.js';

let clock: ManualClock;
let fake: SlackFake;
let client: webApi.WebClient;

beforeEach(async () => {
  clock = new ManualClock();
  fake = await startSlackFake({ clock });
  client = webClientFor(fake);
});
afterEach(() => fake.close());

const modal = (title: string) => ({ type: 'modal' as const, title: { type: 'plain_text' as const, text: title }, blocks: [] });
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { data: { error: string } }) => e.data.error,
  );

describe('Slack fake views', () => {
  it('opens a modal with a fresh trigger, once, and not after three seconds', async () => {
    const trigger = fake.issueTriggerId('U0DEV');
    const opened = await client.views.open({ trigger_id: trigger, view: modal('Reveal') });
    expect(opened.view).toMatchObject({ id: expect.stringMatching(/^V/), type: 'modal', state: { values: {} }, hash: expect.any(String) });
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal('Again') }))).toBe('exchanged_trigger_id');

    const late = fake.issueTriggerId('U0DEV');
    clock.advance(3001);
    expect(await errorOf(client.views.open({ trigger_id: late, view: modal('Late') }))).toBe('expired_trigger_id');
    expect(await errorOf(client.views.open({ trigger_id: '123.456.abc', view: modal('Forged') }))).toBe('invalid_arguments');
    expect(fake.views('U0DEV').map((v) => v.via)).toEqual(['views.open']);
  });

  it("pushes onto the user's open modal up to three deep", async () => {
    const root = await client.views.open({ trigger_id: fake.issueTriggerId('U0DEV'), view: modal('One') });
    const second = await client.views.push({ trigger_id: fake.issueTriggerId('U0DEV'), view: modal('Two') });
    expect(second.view).toMatchObject({ root_view_id: root.view?.id, previous_view_id: root.view?.id });
    await client.views.push({ trigger_id: fake.issueTriggerId('U0DEV'), view: modal('Three') });
    expect(await errorOf(client.views.push({ trigger_id: fake.issueTriggerId('U0DEV'), view: modal('Four') }))).toBe('push_limit_reached');
  });

  it('updates a modal by id, refusing a stale hash and unknown views', async () => {
    const { view } = await client.views.open({ trigger_id: fake.issueTriggerId('U0DEV'), view: modal('Before') });
    const updated = await client.views.update({ view_id: view!.id!, hash: view!.hash!, view: modal('After') });
    expect(fake.currentView(view!.id!)?.view.title.text).toBe('After');
    expect(await errorOf(client.views.update({ view_id: view!.id!, hash: view!.hash!, view: modal('Stale') }))).toBe('hash_conflict');
    expect(await errorOf(client.views.update({ view_id: 'V0NOPE', view: modal('X') }))).toBe('not_found');
    expect(updated.view?.id).toBe(view!.id);
  });

  it('keeps one App Home view per user across publishes', async () => {
    const home = (text: string) => ({
      type: 'home' as const,
      blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }],
    });
    const first = await client.views.publish({ user_id: 'U0DEV', view: home('Pending approvals: 1') });
    const second = await client.views.publish({ user_id: 'U0DEV', view: home('Pending approvals: 0') });
    expect(second.view?.id).toBe(first.view?.id);
    expect(fake.views('U0DEV').map((v) => [v.via, v.view.blocks[0].text.text])).toEqual([
      ['views.publish', 'Pending approvals: 1'],
      ['views.publish', 'Pending approvals: 0'],
    ]);
  });
});

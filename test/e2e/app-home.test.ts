import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { testDraft, testWorkflow } from '../harness/test-workflow.js';
import { USERS } from '../harness/users.js';

let h: Harness;
afterEach(() => h.close());

const openHome = async (user: string) => {
  const before = h.slack.views(user).filter((v) => v.via === 'views.publish').length;
  await h.driver.event({ type: 'app_home_opened', user, tab: 'home', channel: 'D0HOME00001', event_ts: '1.0' });
  return h.until(() => h.slack.views(user).filter((v) => v.via === 'views.publish')[before], 'the App Home view');
};

describe('App Home', () => {
  it('shows an approver the pending requests with buttons that work, and a requester their own', async () => {
    const t = testWorkflow();
    h = await startHarness({ workflows: [t.definition] });
    const r = h.bot.workflows.engine.draft(testDraft(USERS.requester));
    const home = await openHome(USERS.approver1);
    const text = JSON.stringify(home.view.blocks);
    expect(text).toContain('Waiting for approval* (1)');
    expect(text).toContain(r.id);
    await h.driver.click({ view: home.view }, 'Approve', { user: USERS.approver1 });
    await h.until(() => t.runs.length === 1, 'the request to run');
    const mine = await openHome(USERS.requester);
    expect(JSON.stringify(mine.view.blocks)).toContain(`${r.id}`);
    expect(JSON.stringify(mine.view.blocks)).not.toContain('Waiting for approval');
  });
});

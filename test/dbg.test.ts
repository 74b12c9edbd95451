import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { startHarness } from './harness/harness.js';
import { fixture, requestImport } from './harness/import-steps.js';
import { USERS } from './harness/users.js';
it('dbg', async () => {
  const h = await startHarness({ clockStart: 1767225600000 });
  const r = await requestImport(h, { format: 'csv', files: [{ name: 'generic.csv', content: fixture('generic.csv') }], exportTime: '1767225600' });
  await h.driver.click(await h.approvalMessage(r.id), 'Approve', { user: USERS.approver1 });
  for (let i = 0; i < 20; i++) { await h.settle(); await new Promise((x) => setTimeout(x, 100)); }
  console.log(h.bot.store.requests.get(r.id)?.status, h.bot.store.requests.get(r.id)?.error, JSON.stringify(h.bot.store.jobs.forRequest(r.id).map(j=>[j.step,j.status,j.lastError])));
  console.log(h.logs.lines.filter(l=>/"level":(40|50)/.test(l)).slice(0,5).join('\n'));
  console.log(h.slack.calls.filter(c=>!c.ok).map(c=>JSON.stringify(c).slice(0,500)).join('\n'));
  await h.close();
});

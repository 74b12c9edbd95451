import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness/harness.js';
import { DAY, RULES } from '../harness/hygiene-steps.js';
import { reportOf, requestImport } from '../harness/import-steps.js';
import { requestRotation } from '../harness/rotation-steps.js';
import { USERS } from '../harness/users.js';

const START = Date.parse('2026-03-02T09:00:00Z');
const RAW = 'kong-imported-key-0001';

let h: Harness;
afterEach(() => h.close());

const kongDump = (createdAt: number) =>
  Buffer.from(
    `plugins:\n- name: key-auth\nservices:\n- name: orders-api\nconsumers:\n- username: acme\n  custom_id: acme\n  keyauth_credentials:\n  - key: ${RAW}\n    created_at: ${Math.floor(createdAt / 1000)}\n`,
  );

/** The CSV rows of the latest hygiene run, by alias. */
async function csvRows(): Promise<string[]> {
  const name = `key-hygiene-${new Date(h.clock.now()).toISOString().slice(0, 10)}.csv`;
  const before = h.slack.uploads().filter((u) => u.filename === name).length;
  await h.bot.runHygiene();
  const file = await h.until(() => h.slack.uploads().filter((u) => u.filename === name)[before], 'the CSV');
  return file.content.toString('utf8').trim().split('\r\n').slice(1);
}

describe('a key’s age', () => {
  it('counts from the source platform’s creation date kept at import, then from the bot’s rotation', async () => {
    h = await startHarness({ clockStart: START, env: { ...RULES, MIN_GRACE: '1h' } });
    const r = await requestImport(h, { format: 'kong', files: [{ name: 'kong.yaml', content: kongDump(START - 200 * DAY) }] });
    await h.driver.click(await h.approvalMessage(r.id), 'Approve', { user: USERS.approver1 });
    expect((await h.until(() => reportOf(h, r.id), 'the import report')).text).toMatch(/^Import finished/);

    // Tyk's date_created says today; the export said 200 days ago
    const [imported] = await csvRows();
    expect(imported).toMatch(/^acme,fp:[^,]+,overdue,/);
    expect(imported).toContain(new Date(START - 200 * DAY).toISOString());

    await requestRotation(h, `${RAW} --grace 1h`);
    const rows = await csvRows();
    expect(rows).toHaveLength(2); // the old key still works during its grace
    const fresh = rows.find((row) => row.includes(',ok,'));
    expect(fresh).toBeDefined();
    expect(fresh).toContain(new Date(h.clock.now()).toISOString().slice(0, 13)); // last rotated: now
  });
});

import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { baseEnv, tempDir } from '../harness/env.js';
import { type Harness, startHarness } from '../harness/harness.js';
import { USERS } from '../harness/users.js';

const run = promisify(execFile);
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const policyFile = (text: string): string => {
  const path = join(tempDir('policy-'), 'rotation-rules.yml');
  writeFileSync(path, text);
  return path;
};

const RULES = `# rotation rules of the payments team
rules:
  - name: payments
    tag: payments
    grace: 3d
    required_approvals: 2
`;

describe('KEYBOT_POLICY_FILE', () => {
  it('a matching rule sets the grace and the approvals of a rotation, shown in the approval message', async () => {
    h = await startHarness({ env: { KEYBOT_POLICY_FILE: policyFile(RULES) } });
    h.tyk.seedKey({
      raw: 'payments-key-0001',
      session: {
        alias: 'payments-ci',
        tags: ['payments'],
        access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } },
      },
    });
    await h.driver.command('/rotate-key', 'payments-key-0001 --reason "quarterly"', { user: USERS.requester });
    const r = await h.until(() => h?.bot.store.requests.byRequester(USERS.requester)[0], 'the request');
    const approval = await h.approvalMessage(r.id);
    const shown = JSON.stringify(approval.blocks);
    expect(shown).toContain('Rotation rule');
    expect(shown).toContain('payments');
    expect(shown).toContain('2 approvals from');
    expect(shown).toMatch(/Grace[^"]*"[^"]*3d|3d/);
    expect(r.params).toMatchObject({ graceMs: 3 * 86_400_000 });

    await h.driver.click(approval, 'Approve', { user: USERS.approver1 });
    await h.until(() => h?.bot.store.approvals.forRequest(r.id).length === 1, 'the first vote');
    expect(h.bot.store.requests.get(r.id)?.status).toBe('pending'); // one of two
    await h.driver.click(await h.approvalMessage(r.id), 'Approve', { user: USERS.approver2 });
    await h.until(() => h?.bot.store.requests.get(r.id)?.status !== 'pending', 'the decision');
  });

  it('--grace given by the requester wins over the rule’s grace', async () => {
    h = await startHarness({ env: { KEYBOT_POLICY_FILE: policyFile(RULES) } });
    h.tyk.seedKey({
      raw: 'payments-key-0002',
      session: {
        alias: 'payments-web',
        tags: ['payments'],
        access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } },
      },
    });
    await h.driver.command('/rotate-key', 'payments-key-0002 --grace 5d', { user: USERS.requester });
    const r = await h.until(() => h?.bot.store.requests.byRequester(USERS.requester)[0], 'the request');
    expect(r.params).toMatchObject({ graceMs: 5 * 86_400_000 });
  });

  it('a bad file stops start-up with one message naming the file and the line', async () => {
    const path = policyFile(`rules:\n  - name: payments\n    tag: payments\n    max_age: soon\n`);
    const env = { PATH: process.env.PATH, ...baseEnv({ KEYBOT_POLICY_FILE: path }) } as NodeJS.ProcessEnv;
    const err = await run(process.execPath, ['dist/src/main.js'], { env, cwd: process.cwd() }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect('code' in err && err.code).toBe(2);
    const lines = (err as { stderr: string }).stderr.trim().split('\n');
    expect(lines[0]).toMatch(/cannot start; fix these settings/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`KEYBOT_POLICY_FILE ${path} line 4:`);
    expect(lines[1]).toContain('max_age');
  });
});

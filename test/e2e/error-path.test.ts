import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { cliGatewayEnv, cliTerminal } from '../harness/cli-env.js';
import { tempDir } from '../harness/env.js';
import { type Harness, startHarness } from '../harness/harness.js';
import { startTykEmulator, type TykEmulator } from '../harness/tyk-emulator/index.js';
import { USERS } from '../harness/users.js';

const RAW = 'error-path-key-0001';
const SESSION = {
  alias: 'error-path',
  rate: 10,
  per: 1,
  access_rights: { 'orders-api': { api_id: 'orders-api', api_name: 'Orders', versions: ['Default'] } },
};
const REFUSED = "Tyk Gateway rejected the bot's credentials (GET /tyk/keys/{id}, HTTP 401)";

// A Tyk refusal reads the same wherever it happens: named, with the call, never as an "incident".
describe('one error path', () => {
  let h: Harness | undefined;
  let emu: TykEmulator | undefined;
  afterEach(async () => {
    await h?.close();
    await emu?.close();
    h = undefined;
    emu = undefined;
  });

  it('a Tyk 401 while /rotate-key drafts is named to the requester, as the same 401 is in a job', async () => {
    h = await startHarness({ target: 'gateway' });
    h.tyk.seedKey({ raw: RAW, session: SESSION });
    h.tyk.faults.failNext(1, { status: 401, match: /^GET \/tyk\/keys\// });
    await h.driver.command('/rotate-key', RAW, { user: USERS.requester });
    const told = await h
      .until(
        () =>
          h?.slack
            .messages({ ephemeralTo: USERS.requester })
            .map((m) => m.text)
            .find((t) => t.includes('Tyk') || t.includes('incident')),
        'the reply to the requester',
      )
      .catch((e) => {
        throw new Error(`${e}: ${JSON.stringify(h?.slack.calls.map((c) => [c.method, c.args]))}`);
      });
    expect(told).toContain(REFUSED);
    expect(told).not.toContain('incident');
  });

  it('the CLI names the same Tyk refusal in the same words, exit 1', async () => {
    emu = await startTykEmulator();
    emu.seedKey({ raw: RAW, session: SESSION });
    emu.faults.failNext(1, { status: 401, match: /^GET \/tyk\/keys\// });
    const t = cliTerminal();
    const dir = tempDir('keybot-err-');
    const code = await runCli(['rotate', RAW, '--no-bot', '--secret-file', join(dir, 'new-key')], t.io, cliGatewayEnv(emu.url, dir));
    const err = t.err.join('\n');
    expect(err).toContain(REFUSED);
    expect(err).not.toContain(RAW);
    expect(code).toBe(1);
  });
});

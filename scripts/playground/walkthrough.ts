import { fingerprint } from '../../src/secret.js';
import type { Harness } from '../../test/harness/harness.js';
import { reportOf, requestImport } from '../../test/harness/import-steps.js';
import { approveRotation, draftRotation, latestNotice, revealValue } from '../../test/harness/rotation-steps.js';
import { USERS } from '../../test/harness/users.js';
import type { Narrator } from './narrator.js';

/** One consumer of the sample export: its Kong username and key value. */
export interface SampleKey {
  alias: string;
  raw: string;
}

const status = (h: Harness, id: string) => h.bot.store.requests.get(id)?.status;

/** A client's request to the Orders API with each key, as the gateway answers it. */
function clientCalls(h: Harness, n: Narrator, keys: Array<[string, string]>): void {
  const verdicts = keys.map(([what, raw]) => `${what} (${fingerprint(raw)}) → ${h.tyk.consume('orders-api', raw).status}`);
  n.say(`A client calls the Orders API through the gateway: ${verdicts.join(', ')}`);
}

export async function importStep(h: Harness, n: Narrator, file: { name: string; content: Buffer; consumers: number }): Promise<void> {
  n.step('1. Import a Kong export, keeping every key value');
  n.say(`@rita runs /import-keys, picks format "kong", attaches ${file.name} (${file.consumers} consumers), target gateway, and submits.`);
  const r = await requestImport(h, { format: 'kong', files: [{ name: file.name, content: file.content }] });
  await h.until(
    () => h.slack.messages({ channel: h.config.approvalChannel }).some((m) => m.thread_ts && m.text.includes('*Preview*')),
    'the preview',
  );
  n.sides();
  n.say('@anna, an approver, reads the preview and clicks Approve.');
  await h.driver.click(await h.approvalMessage(r.id), 'Approve', { user: USERS.approver1 });
  await h.until(() => reportOf(h, r.id), 'the import report');
  n.sides();
}

export async function rotationStep(h: Harness, n: Narrator, key: SampleKey): Promise<string> {
  n.step(`2. Rotate ${key.alias}'s key without breaking its client`);
  n.say(`@rita runs /rotate-key ‹${key.alias}'s key value, ${fingerprint(key.raw)}› --grace 1h`);
  const id = await draftRotation(h, `${key.raw} --grace 1h`);
  n.sides();
  n.say('@anna clicks Approve.');
  await approveRotation(h, id, USERS.approver1);
  const approved = n.mark();
  const fresh = await revealValue(h, USERS.requester);
  await h.until(() => h.bot.store.history.forRequest(id).some((e) => e.event === 'revealed'), 'the reveal to be recorded');
  n.names.add(fresh); // now Tyk's calls about the new key can name it by fingerprint
  n.sides(approved);
  n.say('@rita clicks Reveal in her DM.');
  n.sides();
  n.say(`The modal showed her the new key (${fingerprint(fresh)}) once; Slack keeps no copy, and this transcript does not print it.`);
  clientCalls(h, n, [
    ['old key', key.raw],
    ['new key', fresh],
  ]);
  n.say('Both keys work during the grace period. Fast-forward the clock by 1 hour, to the end of the grace period:');
  h.clock.advance('1h');
  const held = await h.until(() => latestNotice(h, /held/) ?? (status(h, id) === 'succeeded' && 'retired'), 'the end of the grace period');
  n.sides();
  if (typeof held !== 'string') {
    n.say('The client was still using the old key, so the bot held the retirement. @anna clicks Retire now.');
    await h.driver.click(held, 'Retire now', { user: USERS.approver1 });
    await h.until(() => status(h, id) === 'succeeded', 'the retirement');
    n.sides();
  }
  h.clock.advance('11s'); // past the retirement's few seconds of lead and the gateway's session cache
  clientCalls(h, n, [
    ['old key', key.raw],
    ['new key', fresh],
  ]);
  n.say(`The old key is retired in Tyk; request ${id} ended with status ${status(h, id)}.`);
  return fresh;
}

export async function historyStep(h: Harness, n: Narrator, key: SampleKey): Promise<void> {
  n.step(`3. Ask for ${key.alias}'s key history`);
  n.say(`@rita runs /key-history ‹${key.alias}'s old key value, ${fingerprint(key.raw)}›`);
  const before = h.slack.messages({ ephemeralTo: USERS.requester }).length;
  await h.driver.command('/key-history', key.raw, { user: USERS.requester });
  await h.until(() => h.slack.messages({ ephemeralTo: USERS.requester })[before], 'the key history');
  n.sides();
}

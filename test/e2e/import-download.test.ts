import { afterEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_FILE_BYTES } from '../../src/importers/index.js';
import { type Harness, startHarness } from '../harness/harness.js';
import { submitImport } from '../harness/import-steps.js';
import { USERS } from '../harness/users.js';

let h: Harness;
afterEach(() => h.close());

const csv = Buffer.from('key,alias,api_ids\nimport-key-dddd-0001,client-0,orders-api\n');
const imports = () => h.bot.store.requests.byRequester(USERS.requester).filter((r) => r.kind === 'import-keys');
const dmMatching = (re: RegExp) =>
  h.until(() => h.slack.dms(USERS.requester).find((m) => re.test(m.text)), `a DM matching ${re}`).then((m) => m.text);
const downloads = () => h.slack.calls.filter((c) => c.method === 'file_download');

describe('files attached to the import form', () => {
  it('are fetched by ID through files.info: a download URL the form payload names elsewhere is never visited', async () => {
    h = await startHarness();
    const claimedUrl = `${h.slack.elsewhere.origin}/files-pri/T0TEST0001-F0EVIL/download/keys.csv`;
    const res = await submitImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: csv, claimedUrl }] });
    expect(res.status).toBe(200);
    await h.until(() => imports().length === 1, 'the import request');
    expect(h.slack.calls.filter((c) => c.method === 'files.info')).toHaveLength(1);
    expect(downloads().map((c) => c.status)).toEqual([200]);
    expect(h.slack.elsewhere.requests).toEqual([]);
  });

  it('are refused when Slack names a download URL at another origin, and the bot token is not sent there', async () => {
    h = await startHarness();
    await submitImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: csv, host: { on: 'elsewhere' } }] });
    const text = await dmMatching(/keys\.csv/);
    expect(text).toMatch(/keys\.csv.*not at files\.slack\.com/);
    expect(h.slack.elsewhere.requests).toEqual([]);
    expect(imports()).toEqual([]);
  });

  it('are cut at the size limit while streaming: a body that never ends is refused as too large', async () => {
    h = await startHarness();
    await submitImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: csv, host: { serve: 'endless' } }] });
    const text = await dmMatching(/keys\.csv/);
    expect(text).toMatch(/keys\.csv is larger than 50 MB/);
    const [download] = downloads();
    await h.until(() => download?.args.cut === true, 'the bot hanging up');
    // it stopped reading at the limit: what was sent is the limit plus what the sockets buffered
    expect(download?.args.bytes_sent as number).toBeLessThan(MAX_IMPORT_FILE_BYTES * 1.5);
    expect(imports()).toEqual([]);
  });

  it('give a clear message when Slack stops sending, within the download time limit', async () => {
    h = await startHarness({ downloadTimeoutMs: 500 });
    await submitImport(h, { format: 'csv', files: [{ name: 'keys.csv', content: csv, host: { serve: 'stall' } }] });
    const text = await dmMatching(/keys\.csv/);
    expect(text).toMatch(/^Slack did not finish sending keys\.csv within 500ms/);
    const [download] = downloads();
    await h.until(() => download?.args.cut === true, 'the bot hanging up');
    expect(imports()).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SlackFake, startSlackFake } from '../harness/slack-fake/index.js';
import { webClientFor } from '../harness/slack-fake/web-client.js';

let fake: SlackFake;
beforeEach(async () => {
  fake = await startSlackFake();
});
afterEach(() => fake.close());

const csv = 'ref,fingerprint,status\n1,fp:1a2b3c4d,created\n';

describe('Slack fake files', () => {
  it('takes a files.uploadV2 upload through WebClient into uploads()', async () => {
    const client = webClientFor(fake);
    // files.uploadV2 is filesUploadV2 under a looser return type.
    const res = await client.filesUploadV2({
      channel_id: 'C0X1',
      thread_ts: '1767225600.000001',
      initial_comment: 'Import finished',
      filename: 'import-req_1-results.csv',
      content: csv,
    });
    expect(fake.uploads()).toEqual([
      {
        filename: 'import-req_1-results.csv',
        title: 'import-req_1-results.csv',
        channel_id: 'C0X1',
        thread_ts: '1767225600.000001',
        initial_comment: 'Import finished',
        content: Buffer.from(csv),
      },
    ]);
    expect(fake.calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'upload_url', 'files.completeUploadExternal']);
    expect(fake.calls[1]?.args.content).toBe(csv);
    const info = await client.files.info({ file: res.files[0]?.files?.[0]?.id ?? '' });
    expect(info.file).toMatchObject({ name: 'import-req_1-results.csv', filetype: 'csv', size: csv.length });
  });

  it('uploads Buffers byte for byte', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    await webClientFor(fake).files.uploadV2({ channel_id: 'C0X1', filename: 'blob.bin', file: bytes });
    expect(fake.uploads()[0]?.content.equals(bytes)).toBe(true);
  });

  it('refuses to complete an upload that never happened or goes to an unknown DM', async () => {
    const client = webClientFor(fake);
    await expect(client.files.completeUploadExternal({ files: [{ id: 'F0NOPE' }] })).rejects.toMatchObject({
      data: { error: 'file_not_found' },
    });
    const { file_id } = await client.files.getUploadURLExternal({ filename: 'a.csv', length: 3 });
    await expect(client.files.completeUploadExternal({ files: [{ id: file_id! }], channel_id: 'C0X1' })).rejects.toMatchObject({
      data: { error: 'file_not_found' },
    });
  });

  it('serves a hosted file only to the bot token, sending others to sign-in or 403', async () => {
    const file = fake.hostFile('export.csv', Buffer.from(csv));
    expect(file).toMatchObject({ name: 'export.csv', filetype: 'csv', size: csv.length });

    const withToken = await fetch(file.url_private_download, { headers: { authorization: `Bearer ${fake.botToken}` } });
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toBe(csv);

    const anonymous = await fetch(file.url_private_download, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    const followed = await fetch(file.url_private);
    expect(followed.status).toBe(200);
    expect(followed.headers.get('content-type')).toMatch(/^text\/html/);

    const wrong = await fetch(file.url_private, { headers: { authorization: 'Bearer xoxb-someone-else' } });
    expect(wrong.status).toBe(403);
    expect(fake.calls.filter((c) => c.method === 'file_download').map((c) => c.status)).toEqual([200, 302, 302, 403]);
  });
});

describe('Slack fake files.info and odd downloads', () => {
  it('describes a hosted file by ID as Slack does, and answers file_not_found for others', async () => {
    const client = webClientFor(fake);
    const file = fake.hostFile('export.csv', Buffer.from(csv));
    const info = await client.files.info({ file: file.id });
    expect(info.file).toMatchObject({ id: file.id, name: 'export.csv', size: csv.length, url_private_download: file.url_private_download });
    expect(info.response_metadata?.next_cursor).toBe('');
    await expect(client.files.info({ file: 'F0NOPE' })).rejects.toMatchObject({ data: { error: 'file_not_found' } });
  });

  it('hosts a file at another origin that records who asked, with which Authorization header', async () => {
    const file = fake.hostFile('export.csv', Buffer.from(csv), { on: 'elsewhere' });
    expect(new URL(file.url_private_download).origin).toBe(fake.elsewhere.origin);
    expect(new URL(file.url_private_download).origin).not.toBe(new URL(fake.apiUrl).origin);
    const res = await fetch(file.url_private_download, { headers: { authorization: 'Bearer xoxb-leaked' } });
    expect(await res.text()).toBe(csv);
    expect(fake.elsewhere.requests).toEqual([
      { method: 'GET', path: new URL(file.url_private_download).pathname, authorization: 'Bearer xoxb-leaked' },
    ]);
  });

  it('streams an endless body until the reader hangs up, and stalls after the first bytes', async () => {
    const auth = { authorization: `Bearer ${fake.botToken}` };
    const endless = fake.hostFile('big.csv', Buffer.from(csv), { serve: 'endless' });
    const res = await fetch(endless.url_private_download, { headers: auth });
    const reader = res.body!.getReader();
    let read = 0;
    while (read < 1_000_000) read += (await reader.read()).value?.byteLength ?? 0;
    await reader.cancel();
    const call = await fake.waitFor(() => fake.calls.find((c) => c.method === 'file_download' && c.args.cut === true));
    expect(call.args.bytes_sent as number).toBeGreaterThanOrEqual(read);

    const stalled = fake.hostFile('slow.csv', Buffer.from(csv), { serve: 'stall' });
    const slow = await fetch(stalled.url_private_download, { headers: auth, signal: AbortSignal.timeout(300) });
    expect(slow.status).toBe(200);
    await expect(slow.text()).rejects.toThrow();
  });
});

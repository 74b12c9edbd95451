import { randomBytes } from 'node:crypto';
import { isObject } from '../block-kit/issues.js';
import { fail, ok } from '../reply.js';
import { type Method, resolveChannel, str } from './context.js';
import { fileObject, newFileRecord } from './file-records.js';

/**
 * files.uploadV2 in @slack/web-api 8 is three steps: files.getUploadURLExternal (filename,
 * length) → a POST of the bytes to upload_url (multipart, field `body`) → one
 * files.completeUploadExternal with `files=[{id,title}]`, channel_id, thread_ts, initial_comment.
 */
const getUploadUrl: Method = (args, ctx) => {
  const filename = str(args, 'filename');
  const length = Number(str(args, 'length'));
  if (!filename || !Number.isInteger(length) || length < 0) return fail('invalid_arguments');
  const fileId = ctx.store.newId('F');
  const record = newFileRecord(ctx.id, fileId, filename, Buffer.alloc(0), { uploaded: false, nowMs: ctx.store.clock.now() });
  const alt = str(args, 'alt_text') ?? str(args, 'alt_txt');
  ctx.store.files.set(fileId, { ...record, ...(alt ? { alt_text: alt } : {}) });
  const token = randomBytes(12).toString('hex');
  ctx.store.uploadUrls.set(token, fileId);
  return ok({ upload_url: `${ctx.id.baseUrl}upload/v1/${token}`, file_id: fileId });
};

const completeUpload: Method = (args, ctx) => {
  const files = args.files;
  if (!Array.isArray(files) || files.length === 0) return fail('invalid_arguments');
  const channelArg = str(args, 'channel_id') ?? str(args, 'channels');
  const channel = channelArg === undefined ? undefined : resolveChannel(channelArg, ctx.store);
  if (channelArg !== undefined && !channel) return fail('channel_not_found');
  const records = files.map((f) => (isObject(f) && typeof f.id === 'string' ? ctx.store.files.get(f.id) : undefined));
  if (records.some((r) => !r?.uploaded)) return fail('file_not_found');
  const thread = str(args, 'thread_ts');
  const comment = str(args, 'initial_comment');
  const done = records.map((r, i) => {
    const file = r!;
    const wanted = files[i] as Record<string, unknown>;
    if (typeof wanted.title === 'string') file.title = wanted.title;
    ctx.store.uploads.push({
      filename: file.name,
      title: file.title,
      content: file.content,
      ...(channel ? { channel_id: channel } : {}),
      ...(thread ? { thread_ts: thread } : {}),
      ...(comment ? { initial_comment: comment } : {}),
    });
    return fileObject(file, ctx.id);
  });
  return ok({ files: done });
};

const info: Method = (args, ctx) => {
  const f = ctx.store.files.get(str(args, 'file') ?? '');
  if (!f?.uploaded) return fail('file_not_found');
  return ok({ file: fileObject(f, ctx.id), comments: [], response_metadata: { next_cursor: '' } });
};

export const fileMethods: Record<string, Method> = {
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
  'files.info': info,
};

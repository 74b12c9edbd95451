import type { ServerResponse } from 'node:http';
import { readMultipart } from './http-body.js';
import type { MethodContext } from './methods/context.js';
import { htmlReply, type RawReply } from './raw-reply.js';

export interface RouteResult {
  reply: RawReply;
  args: Record<string, unknown>;
  ok: boolean;
  error?: string;
}

/**
 * The POST of a file's bytes to the upload_url from files.getUploadURLExternal. Slack takes raw
 * bytes or multipart (WebClient sends multipart with the bytes in a part named `body`) and answers
 * 200 with a short text body.
 */
export async function receiveUpload(token: string, raw: Buffer, contentType: string, ctx: MethodContext): Promise<RouteResult> {
  const fileId = ctx.store.uploadUrls.get(token);
  const file = fileId ? ctx.store.files.get(fileId) : undefined;
  if (!file) return { reply: htmlReply(404, 'Not Found'), args: { token }, ok: false, error: 'not_found' };
  let bytes = raw;
  if (contentType.startsWith('multipart/form-data')) {
    const parts = [...(await readMultipart(raw, contentType)).values()];
    bytes = parts.find((p): p is Buffer => Buffer.isBuffer(p)) ?? Buffer.from(String(parts[0] ?? ''), 'utf8');
  }
  file.content = bytes;
  file.size = bytes.length;
  file.uploaded = true;
  const args = { file_id: file.id, filename: file.name, bytes: bytes.length, content: bytes.toString('utf8') };
  return { reply: { status: 200, headers: { 'content-type': 'text/plain' }, body: `OK - ${bytes.length}` }, args, ok: true };
}

/**
 * GET of url_private / url_private_download. Slack serves the bytes only with the bot token as a
 * Bearer header; without one it redirects to the sign-in page (a 200 HTML page at the end of
 * the redirect, which is how apps end up "downloading" HTML), with a wrong one it answers 403.
 */
export function serveFile(path: string, authorization: string | undefined, botToken: string, ctx: MethodContext): RouteResult {
  const [, , owner = ''] = path.split('/');
  const fileId = owner.slice(ctx.id.teamId.length + 1);
  const file = ctx.store.files.get(fileId);
  if (!owner.startsWith(`${ctx.id.teamId}-`) || !file?.uploaded) {
    return { reply: htmlReply(404, '<html><body>File not found</body></html>'), args: { path }, ok: false, error: 'file_not_found' };
  }
  const args = { file_id: fileId, authorized: authorization !== undefined };
  if (authorization === undefined) {
    const location = `${ctx.id.baseUrl}signin?redir=${encodeURIComponent(path)}`;
    return { reply: htmlReply(302, '', { location }), args, ok: false, error: 'not_authed' };
  }
  if (authorization !== `Bearer ${botToken}`) {
    return { reply: htmlReply(403, '<html><body>Forbidden</body></html>'), args, ok: false, error: 'invalid_auth' };
  }
  const headers = { 'content-type': file.mimetype };
  if (file.serve === 'endless')
    return { reply: { status: 200, headers, body: '', stream: endless(file.content, args, ctx) }, args, ok: true };
  if (file.serve === 'stall') return { reply: { status: 200, headers, body: '', stream: stall(file.content, args, ctx) }, args, ok: true };
  return { reply: { status: 200, headers, body: file.content }, args, ok: true };
}

/**
 * The file's bytes over and over, as fast as the reader takes them, until the reader goes away.
 * The call's args count what was sent (`bytes_sent`) and say whether the reader hung up (`cut`).
 */
function endless(content: Buffer, args: Record<string, unknown>, ctx: MethodContext) {
  const chunk = Buffer.concat(Array.from({ length: Math.ceil(65_536 / Math.max(1, content.length)) }, () => content));
  return (res: ServerResponse) => {
    ctx.store.openDownloads.add(res);
    args.bytes_sent = 0;
    args.cut = false;
    res.on('close', () => {
      args.cut = !res.writableFinished;
      ctx.store.openDownloads.delete(res);
    });
    const pump = () => {
      while (!res.destroyed) {
        args.bytes_sent = (args.bytes_sent as number) + chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
    };
    pump();
  };
}

/** The first bytes, then silence: the response stays open until the reader gives up or the fake closes. */
function stall(content: Buffer, args: Record<string, unknown>, ctx: MethodContext) {
  return (res: ServerResponse) => {
    ctx.store.openDownloads.add(res);
    args.cut = false;
    res.on('close', () => {
      args.cut = true;
      ctx.store.openDownloads.delete(res);
    });
    res.write(content.subarray(0, Math.min(16, content.length)));
  };
}

export const signInPage = (): RawReply =>
  htmlReply(200, '<!DOCTYPE html><html><head><title>Sign in | Slack</title></head><body>Sign in to Keybot Test</body></html>');

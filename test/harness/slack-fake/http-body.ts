import type { IncomingMessage } from 'node:http';
import type { Args } from './methods/context.js';

/** Arguments Slack accepts as JSON-encoded strings in a form post (WebClient sends them that way). */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'metadata', 'files'];

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Multipart bodies, parsed by undici's FormData; file parts become Buffers. */
export async function readMultipart(raw: Buffer, contentType: string): Promise<Map<string, string | Buffer>> {
  const form = await new Request('http://slack-fake.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
  }).formData();
  const fields = new Map<string, string | Buffer>();
  for (const [key, value] of form.entries()) {
    fields.set(key, typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer()));
  }
  return fields;
}

/**
 * A Web API call's arguments from the query string and the body, whichever encoding Slack
 * accepts: form-urlencoded (what @slack/web-api sends), JSON, or multipart.
 */
export async function parseArgs(raw: Buffer, contentType: string, query: URLSearchParams): Promise<Args> {
  const args: Args = Object.fromEntries(query.entries());
  if (raw.length > 0) {
    if (contentType.startsWith('application/json')) Object.assign(args, JSON.parse(raw.toString('utf8')));
    else if (contentType.startsWith('multipart/form-data')) Object.assign(args, Object.fromEntries(await readMultipart(raw, contentType)));
    else Object.assign(args, Object.fromEntries(new URLSearchParams(raw.toString('utf8')).entries()));
  }
  for (const key of JSON_FIELDS) {
    const v = args[key];
    if (typeof v !== 'string') continue;
    try {
      args[key] = JSON.parse(v);
    } catch {
      // Left as a string: the method answers invalid_blocks_format / invalid_arguments like Slack.
    }
  }
  return args;
}

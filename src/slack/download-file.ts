import type { WebClient } from '@slack/web-api';
import { KeybotError } from '../errors.js';
import { fileFromBuffer, type ImportFile, MAX_IMPORT_FILE_BYTES } from '../importers/index.js';
import type { Secret } from '../secret.js';

/** A file as a form's file_input names it: only its ID is used, the rest of the payload is not trusted. */
export interface SlackFileRef {
  id: string;
  name?: string;
}

/** Where Slack serves private files from. */
export const SLACK_FILES_ORIGIN = 'https://files.slack.com';
/** How long one file download may take, headers and body: well inside the commands lane's limit. */
export const DOWNLOAD_TIMEOUT_MS = 2 * 60_000;

export interface DownloadDeps {
  /** the bot's Web API client, for files.info */
  client: WebClient;
  botToken: Secret;
  /** SLACK_API_URL: its origin serves files too (a Slack stand-in in tests or a proxy) */
  apiUrl?: string;
  timeoutMs: number;
  /** stops the download early (another file of the same form failed) */
  signal?: AbortSignal;
}

/** The origins the bot token is ever sent to for a download: files.slack.com and that of SLACK_API_URL. */
export const downloadOrigins = (apiUrl: string | undefined): string[] => [SLACK_FILES_ORIGIN, ...(apiUrl ? [new URL(apiUrl).origin] : [])];

const mb = (bytes: number) => bytes / 1024 / 1024;
const tooLarge = (name: string) =>
  new KeybotError(
    'BAD_INPUT',
    `${name} is larger than ${mb(MAX_IMPORT_FILE_BYTES)} MB; split the export or use the CLI (tyk-keybot import).`,
  );
const duration = (ms: number) => (ms < 1000 ? `${ms}ms` : `${Math.round(ms / 1000)}s`);

/** Slack's own record of the file (files.info): its name, size and download URL. */
async function fileInfo(ref: SlackFileRef, d: DownloadDeps): Promise<{ name: string; size: number; url: string }> {
  const shown = ref.name ?? ref.id;
  if (!/^F[A-Z0-9]{2,}$/.test(ref.id)) throw new KeybotError('BAD_INPUT', `${shown} is not a Slack file; attach it again.`);
  let file: { id?: string; name?: string; size?: number; url_private_download?: string } | undefined;
  try {
    file = (await d.client.files.info({ file: ref.id })).file;
  } catch (e) {
    const error = (e as { data?: { error?: unknown } }).data?.error;
    if (error === 'file_not_found' || error === 'file_deleted')
      throw new KeybotError('BAD_INPUT', `Slack no longer has ${shown}; attach it again.`);
    if (error === 'missing_scope')
      throw new KeybotError('SLACK', `Slack refused to describe ${shown}: the bot needs the files:read scope.`, false, { error });
    throw new KeybotError('SLACK', `Slack did not describe ${shown} (files.info failed); try again.`, true, {
      error: typeof error === 'string' ? error : 'request_failed',
    });
  }
  const name = file?.name ?? shown;
  if (file?.id !== ref.id || !file.url_private_download)
    throw new KeybotError('BAD_INPUT', `Slack gave no download link for ${name}; attach it again.`);
  return { name, size: file.size ?? 0, url: file.url_private_download };
}

/**
 * Downloads a file a user attached in a modal, with the bot token (Slack serves private files
 * only to it, redirecting anyone else to a sign-in page). The file is looked up by its ID with
 * files.info and fetched only from files.slack.com or SLACK_API_URL's origin, redirects not
 * followed, so the token goes nowhere else. The body is read up to MAX_IMPORT_FILE_BYTES and no
 * further, within `timeoutMs`. Kept in memory, never written to disk: an export holds key values in clear.
 */
export async function downloadSlackBytes(ref: SlackFileRef, d: DownloadDeps): Promise<{ name: string; bytes: Buffer }> {
  const { name, size, url } = await fileInfo(ref, d);
  if (size > MAX_IMPORT_FILE_BYTES) throw tooLarge(name);
  let origin: string | undefined;
  try {
    origin = new URL(url).origin;
  } catch {
    origin = undefined;
  }
  if (!origin || !downloadOrigins(d.apiUrl).includes(origin))
    throw new KeybotError('SLACK', `Slack named a download link for ${name} that is not at files.slack.com; it was not fetched.`, false, {
      origin: origin ?? 'invalid',
    });
  const timedOut = AbortSignal.timeout(d.timeoutMs);
  const signal = d.signal ? AbortSignal.any([timedOut, d.signal]) : timedOut;
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${d.botToken.reveal()}` }, redirect: 'manual', signal });
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new KeybotError(
        'SLACK',
        `Slack refused the download of ${name} (HTTP ${res.status}); check that the bot has the files:read scope.`,
        true,
      );
    }
    return { name, bytes: await readCapped(res, name) };
  } catch (e) {
    if (timedOut.aborted)
      throw new KeybotError(
        'SLACK',
        `Slack did not finish sending ${name} within ${duration(d.timeoutMs)}; nothing was requested. Try again.`,
        true,
      );
    throw e;
  }
}

/** The body, read chunk by chunk; past MAX_IMPORT_FILE_BYTES the download is cancelled, not buffered further. */
async function readCapped(res: Response, name: string): Promise<Buffer> {
  const reader = res.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, total);
    total += value.byteLength;
    if (total > MAX_IMPORT_FILE_BYTES) {
      await reader.cancel();
      throw tooLarge(name);
    }
    chunks.push(value);
  }
}

export async function downloadSlackFile(ref: SlackFileRef, d: DownloadDeps): Promise<ImportFile> {
  const { name, bytes } = await downloadSlackBytes(ref, d);
  return fileFromBuffer(name, bytes);
}
